/* ABI probe for libvirt: the structs VirtCrypt declares and the constants it uses. */
#include <stddef.h>
#include <stdio.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

/* virError's conn/dom/net members are marked deprecated; their offsets still matter. */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

#define SIZE(t) printf("sizeof.%s=%zu\n", #t, sizeof(t))
#define OFFSET(t, f) printf("offsetof.%s.%s=%zu\n", #t, #f, offsetof(t, f))
#define CONST(c) printf("%s=%lld\n", #c, (long long)(c))

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

    CONST(VIR_CONNECT_RO);
    CONST(VIR_CONNECT_LIST_DOMAINS_ACTIVE);
    CONST(VIR_CONNECT_LIST_DOMAINS_INACTIVE);
    CONST(VIR_UUID_STRING_BUFLEN);
    CONST(VIR_TYPED_PARAM_FIELD_LENGTH);
    CONST(VIR_DOMAIN_XML_SECURE);
    CONST(VIR_DOMAIN_XML_INACTIVE);
    CONST(VIR_DOMAIN_DEFINE_VALIDATE);
    CONST(VIR_DOMAIN_UNDEFINE_MANAGED_SAVE);
    CONST(VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA);
    CONST(VIR_DOMAIN_UNDEFINE_NVRAM);
    CONST(VIR_DOMAIN_UNDEFINE_KEEP_NVRAM);
    CONST(VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA);
    CONST(VIR_DOMAIN_SHUTDOWN_DEFAULT);
    CONST(VIR_DOMAIN_EVENT_ID_LIFECYCLE);
    CONST(VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2);
    CONST(VIR_TYPED_PARAM_UINT);
    CONST(VIR_TYPED_PARAM_ULLONG);
    CONST(VIR_DOMAIN_BLOCK_COPY_SHALLOW);
    CONST(VIR_DOMAIN_BLOCK_COPY_REUSE_EXT);
    CONST(VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB);
    CONST(VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES);
    CONST(VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC);
    CONST(VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT);
    CONST(VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES);
    CONST(VIR_DOMAIN_BLOCK_JOB_TYPE_COPY);
    CONST(VIR_DOMAIN_BLOCK_JOB_COMPLETED);
    CONST(VIR_DOMAIN_BLOCK_JOB_FAILED);
    CONST(VIR_DOMAIN_BLOCK_JOB_CANCELED);
    CONST(VIR_DOMAIN_BLOCK_JOB_READY);
    CONST(VIR_DOMAIN_BLOCK_JOB_TYPE_UNKNOWN);
    CONST(VIR_DOMAIN_BLOCK_JOB_TYPE_PULL);
    CONST(VIR_DOMAIN_BLOCK_JOB_TYPE_COMMIT);
    CONST(VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT);
    CONST(VIR_DOMAIN_BLOCK_JOB_TYPE_BACKUP);
    /* The typed parameter names are strings: their lengths prove the probe saw them. */
    printf("VIR_DOMAIN_BLOCK_COPY_BANDWIDTH.is_bandwidth=%d\n", __builtin_strcmp(VIR_DOMAIN_BLOCK_COPY_BANDWIDTH, "bandwidth") == 0);
    printf("VIR_DOMAIN_BLOCK_COPY_GRANULARITY.is_granularity=%d\n", __builtin_strcmp(VIR_DOMAIN_BLOCK_COPY_GRANULARITY, "granularity") == 0);
    printf("VIR_DOMAIN_BLOCK_COPY_BUF_SIZE.is_buf-size=%d\n", __builtin_strcmp(VIR_DOMAIN_BLOCK_COPY_BUF_SIZE, "buf-size") == 0);

    CONST(VIR_DOMAIN_NOSTATE);
    CONST(VIR_DOMAIN_RUNNING);
    CONST(VIR_DOMAIN_BLOCKED);
    CONST(VIR_DOMAIN_PAUSED);
    CONST(VIR_DOMAIN_SHUTDOWN);
    CONST(VIR_DOMAIN_SHUTOFF);
    CONST(VIR_DOMAIN_CRASHED);
    CONST(VIR_DOMAIN_PMSUSPENDED);

    CONST(VIR_DOMAIN_EVENT_DEFINED);
    CONST(VIR_DOMAIN_EVENT_UNDEFINED);
    CONST(VIR_DOMAIN_EVENT_STARTED);
    CONST(VIR_DOMAIN_EVENT_SUSPENDED);
    CONST(VIR_DOMAIN_EVENT_RESUMED);
    CONST(VIR_DOMAIN_EVENT_STOPPED);
    CONST(VIR_DOMAIN_EVENT_SHUTDOWN);
    CONST(VIR_DOMAIN_EVENT_PMSUSPENDED);
    CONST(VIR_DOMAIN_EVENT_CRASHED);

    CONST(VIR_ERR_OK);
    CONST(VIR_ERR_NO_SUPPORT);
    CONST(VIR_ERR_NO_CONNECT);
    CONST(VIR_ERR_INVALID_CONN);
    CONST(VIR_ERR_INVALID_ARG);
    CONST(VIR_ERR_DOM_EXIST);
    CONST(VIR_ERR_OPERATION_DENIED);
    CONST(VIR_ERR_SYSTEM_ERROR);
    CONST(VIR_ERR_RPC);
    CONST(VIR_ERR_NO_DOMAIN);
    CONST(VIR_ERR_AUTH_FAILED);
    CONST(VIR_ERR_NO_STORAGE_VOL);
    CONST(VIR_ERR_OPERATION_INVALID);
    CONST(VIR_ERR_CONFIG_UNSUPPORTED);
    CONST(VIR_ERR_AUTH_CANCELLED);
    CONST(VIR_ERR_OPERATION_UNSUPPORTED);
    CONST(VIR_ERR_RESOURCE_BUSY);
    CONST(VIR_ERR_ACCESS_DENIED);
    CONST(VIR_ERR_AUTH_UNAVAILABLE);
    CONST(VIR_FROM_RPC);
    CONST(VIR_FROM_REMOTE);
    return 0;
}
