/* ABI probe for struct statx, which the configuration file writer reads (constants: Abi/InteropConstantsTests). */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

int main(void)
{
    printf("sizeof.statx=%zu\n", sizeof(struct statx));
    printf("offsetof.statx.stx_mask=%zu\n", offsetof(struct statx, stx_mask));
    printf("offsetof.statx.stx_nlink=%zu\n", offsetof(struct statx, stx_nlink));
    printf("offsetof.statx.stx_uid=%zu\n", offsetof(struct statx, stx_uid));
    printf("offsetof.statx.stx_gid=%zu\n", offsetof(struct statx, stx_gid));
    printf("offsetof.statx.stx_mode=%zu\n", offsetof(struct statx, stx_mode));
    printf("offsetof.statx.stx_ino=%zu\n", offsetof(struct statx, stx_ino));
    printf("offsetof.statx.stx_size=%zu\n", offsetof(struct statx, stx_size));
    printf("offsetof.statx.stx_dev_major=%zu\n", offsetof(struct statx, stx_dev_major));
    printf("offsetof.statx.stx_dev_minor=%zu\n", offsetof(struct statx, stx_dev_minor));
    return 0;
}
