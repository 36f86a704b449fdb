/* ABI probe for what the configuration file writer uses: struct statx, the file type bits, open and *at flags. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

int main(void)
{
    printf("sizeof.statx=%zu\n", sizeof(struct statx));
    printf("offsetof.statx.stx_mask=%zu\n", offsetof(struct statx, stx_mask));
    printf("offsetof.statx.stx_uid=%zu\n", offsetof(struct statx, stx_uid));
    printf("offsetof.statx.stx_gid=%zu\n", offsetof(struct statx, stx_gid));
    printf("offsetof.statx.stx_mode=%zu\n", offsetof(struct statx, stx_mode));
    printf("offsetof.statx.stx_ino=%zu\n", offsetof(struct statx, stx_ino));
    printf("offsetof.statx.stx_dev_major=%zu\n", offsetof(struct statx, stx_dev_major));
    printf("offsetof.statx.stx_dev_minor=%zu\n", offsetof(struct statx, stx_dev_minor));
    printf("STATX_TYPE_MODE_OWNER_INO=%u\n", STATX_TYPE | STATX_MODE | STATX_UID | STATX_GID | STATX_INO);
    printf("O_NONBLOCK=%d\n", O_NONBLOCK);
    printf("O_NOFOLLOW=%d\n", O_NOFOLLOW);
    printf("AT_FDCWD=%d\n", AT_FDCWD);
    printf("AT_SYMLINK_NOFOLLOW=%d\n", AT_SYMLINK_NOFOLLOW);
    printf("AT_EMPTY_PATH=%d\n", AT_EMPTY_PATH);
    printf("S_IFMT=%d\n", S_IFMT);
    printf("S_IFSOCK=%d\n", S_IFSOCK);
    printf("S_IFLNK=%d\n", S_IFLNK);
    printf("S_IFREG=%d\n", S_IFREG);
    printf("S_IFBLK=%d\n", S_IFBLK);
    printf("S_IFDIR=%d\n", S_IFDIR);
    printf("S_IFCHR=%d\n", S_IFCHR);
    printf("S_IFIFO=%d\n", S_IFIFO);
    printf("ENOTDIR=%d\n", ENOTDIR);
    printf("ELOOP=%d\n", ELOOP);
    return 0;
}
