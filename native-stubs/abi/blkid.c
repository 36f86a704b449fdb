/* ABI probe for libblkid: the probing flags VirtCrypt uses. */
#include <stdio.h>
#include <blkid/blkid.h>

#define CONSTANT(c) printf("%s=%lld\n", #c, (long long)(c))

int main(void)
{
    CONSTANT(BLKID_SUBLKS_TYPE);
    CONSTANT(BLKID_SUBLKS_USAGE);
    CONSTANT(BLKID_SUBLKS_MAGIC);
    CONSTANT(BLKID_SUBLKS_BADCSUM);
    CONSTANT(BLKID_PARTS_FORCE_GPT);
    CONSTANT(BLKID_PARTS_MAGIC);
    return 0;
}
