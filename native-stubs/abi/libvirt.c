/* ABI probe for libvirt: the structs VirtCrypt declares (constants: Abi/InteropConstantsTests). */
#include <stddef.h>
#include <stdio.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

/* virError's conn/dom/net members are marked deprecated; their offsets still matter. */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

#define SIZE(t) printf("sizeof.%s=%zu\n", #t, sizeof(t))
#define OFFSET(t, f) printf("offsetof.%s.%s=%zu\n", #t, #f, offsetof(t, f))

int main(void)
{
    SIZE(virError);
    OFFSET(virError, code);
    OFFSET(virError, domain);
    OFFSET(virError, message);
    OFFSET(virError, level);
    OFFSET(virError, conn);
    OFFSET(virError, dom);
    OFFSET(virError, str1);
    OFFSET(virError, str2);
    OFFSET(virError, str3);
    OFFSET(virError, int1);
    OFFSET(virError, int2);
    OFFSET(virError, net);

    SIZE(virDomainInfo);
    OFFSET(virDomainInfo, state);
    OFFSET(virDomainInfo, maxMem);
    OFFSET(virDomainInfo, memory);
    OFFSET(virDomainInfo, nrVirtCpu);
    OFFSET(virDomainInfo, cpuTime);

    SIZE(virDomainBlockInfo);
    OFFSET(virDomainBlockInfo, capacity);
    OFFSET(virDomainBlockInfo, allocation);
    OFFSET(virDomainBlockInfo, physical);

    SIZE(virTypedParameter);
    OFFSET(virTypedParameter, field);
    OFFSET(virTypedParameter, type);
    OFFSET(virTypedParameter, value);

    SIZE(virDomainBlockJobInfo);
    OFFSET(virDomainBlockJobInfo, type);
    OFFSET(virDomainBlockJobInfo, bandwidth);
    OFFSET(virDomainBlockJobInfo, cur);
    OFFSET(virDomainBlockJobInfo, end);
    return 0;
}
