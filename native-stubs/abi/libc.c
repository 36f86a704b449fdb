/* ABI probe for the libc constants the copy engine uses: open flags, lseek whences, fadvise, block ioctls, errno. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/types.h>
#include <linux/fs.h>

int main(void)
{
    printf("O_RDONLY=%d\n", O_RDONLY);
    printf("O_WRONLY=%d\n", O_WRONLY);
    printf("O_RDWR=%d\n", O_RDWR);
    printf("O_CREAT=%d\n", O_CREAT);
    printf("O_EXCL=%d\n", O_EXCL);
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
    printf("EACCES=%d\n", EACCES);
    printf("EBUSY=%d\n", EBUSY);
    printf("EEXIST=%d\n", EEXIST);
    printf("ENODEV=%d\n", ENODEV);
    printf("EISDIR=%d\n", EISDIR);
    printf("EINVAL=%d\n", EINVAL);
    printf("ENOTTY=%d\n", ENOTTY);
    printf("ENOSPC=%d\n", ENOSPC);
    printf("EROFS=%d\n", EROFS);
    printf("EOPNOTSUPP=%d\n", EOPNOTSUPP);
    return 0;
}
