/* ABI probe for libc: the size of off_t the file calls assume (constants: Abi/InteropConstantsTests). */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/types.h>

int main(void)
{
    printf("sizeof.off_t=%zu\n", sizeof(off_t));
    return 0;
}
