/* ABI probe for the libc constants and structs VirtCrypt uses: open flags, lseek whences, fadvise, block ioctls, errno,
   flock, statx. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <stddef.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <linux/fs.h>

int main(void)
{
    printf("O_RDONLY=%d\n", O_RDONLY);
    printf("O_WRONLY=%d\n", O_WRONLY);
    printf("O_RDWR=%d\n", O_RDWR);
    printf("O_CREAT=%d\n", O_CREAT);
    printf("O_EXCL=%d\n", O_EXCL);
    printf("O_NONBLOCK=%d\n", O_NONBLOCK);
    printf("O_NOFOLLOW=%d\n", O_NOFOLLOW);
    printf("O_DIRECT=%d\n", O_DIRECT);
    printf("O_CLOEXEC=%d\n", O_CLOEXEC);
    printf("O_DIRECTORY=%d\n", O_DIRECTORY);
    printf("SEEK_SET=%d\n", SEEK_SET);
    printf("SEEK_END=%d\n", SEEK_END);
    printf("SEEK_DATA=%d\n", SEEK_DATA);
    printf("SEEK_HOLE=%d\n", SEEK_HOLE);
    printf("POSIX_FADV_SEQUENTIAL=%d\n", POSIX_FADV_SEQUENTIAL);
    printf("POSIX_FADV_DONTNEED=%d\n", POSIX_FADV_DONTNEED);
    printf("BLKGETSIZE64=%lu\n", (unsigned long)BLKGETSIZE64);
    printf("BLKZEROOUT=%lu\n", (unsigned long)BLKZEROOUT);
    printf("sizeof.off_t=%zu\n", sizeof(off_t));
    printf("EPERM=%d\n", EPERM);
    printf("ENOENT=%d\n", ENOENT);
    printf("EINTR=%d\n", EINTR);
    printf("ENXIO=%d\n", ENXIO);
    printf("EAGAIN=%d\n", EAGAIN);
    printf("EACCES=%d\n", EACCES);
    printf("EBUSY=%d\n", EBUSY);
    printf("EEXIST=%d\n", EEXIST);
    printf("ENOTDIR=%d\n", ENOTDIR);
    printf("EISDIR=%d\n", EISDIR);
    printf("EINVAL=%d\n", EINVAL);
    printf("ENOTTY=%d\n", ENOTTY);
    printf("ENOSPC=%d\n", ENOSPC);
    printf("EROFS=%d\n", EROFS);
    printf("EOPNOTSUPP=%d\n", EOPNOTSUPP);
    printf("ELOOP=%d\n", ELOOP);
    printf("LOCK_EX=%d\n", LOCK_EX);
    printf("LOCK_NB=%d\n", LOCK_NB);
    printf("AT_FDCWD=%d\n", AT_FDCWD);
    printf("AT_SYMLINK_NOFOLLOW=%d\n", AT_SYMLINK_NOFOLLOW);
    printf("AT_EMPTY_PATH=%d\n", AT_EMPTY_PATH);
    printf("STATX_BASIC_STATS=%d\n", STATX_BASIC_STATS);
    printf("S_IFMT=%d\n", S_IFMT);
    printf("S_IFREG=%d\n", S_IFREG);
    printf("S_IFDIR=%d\n", S_IFDIR);
    printf("S_IFLNK=%d\n", S_IFLNK);
    printf("sizeof.statx=%zu\n", sizeof(struct statx));
    printf("offsetof.statx.stx_mask=%zu\n", offsetof(struct statx, stx_mask));
    printf("offsetof.statx.stx_nlink=%zu\n", offsetof(struct statx, stx_nlink));
    printf("offsetof.statx.stx_uid=%zu\n", offsetof(struct statx, stx_uid));
    printf("offsetof.statx.stx_mode=%zu\n", offsetof(struct statx, stx_mode));
    printf("offsetof.statx.stx_size=%zu\n", offsetof(struct statx, stx_size));
    return 0;
}
