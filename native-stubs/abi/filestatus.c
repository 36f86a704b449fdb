/* ABI probe for struct stat64, which OpenedFile reads with fstat64 to refuse FIFOs, devices and directories
 * (its constants: Abi/InteropConstantsTests). */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

int main(void)
{
    printf("sizeof.stat64=%zu\n", sizeof(struct stat64));
    printf("offsetof.stat64.st_mode=%zu\n", offsetof(struct stat64, st_mode));
    printf("offsetof.stat64.st_uid=%zu\n", offsetof(struct stat64, st_uid));
    printf("offsetof.stat64.st_rdev=%zu\n", offsetof(struct stat64, st_rdev));
    printf("offsetof.stat64.st_size=%zu\n", offsetof(struct stat64, st_size));
    printf("offsetof.stat64.st_mtim=%zu\n", offsetof(struct stat64, st_mtim));
    return 0;
}
