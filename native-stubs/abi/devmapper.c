/* ABI probe for libdevmapper: struct dm_info (the DM_1_02_97 layout) and the constants VirtCrypt uses. */
#include <stddef.h>
#include <stdio.h>
#include <libdevmapper.h>

#define SIZE(s) printf("sizeof.%s=%zu\n", #s, sizeof(struct s))
#define OFFSET(s, f) printf("offsetof.%s.%s=%zu\n", #s, #f, offsetof(struct s, f))
#define CONSTANT(c) printf("%s=%lld\n", #c, (long long)(c))

int main(void)
{
    SIZE(dm_info);
    OFFSET(dm_info, exists);
    OFFSET(dm_info, suspended);
    OFFSET(dm_info, live_table);
    OFFSET(dm_info, inactive_table);
    OFFSET(dm_info, open_count);
    OFFSET(dm_info, event_nr);
    OFFSET(dm_info, major);
    OFFSET(dm_info, minor);
    OFFSET(dm_info, read_only);
    OFFSET(dm_info, target_count);
    OFFSET(dm_info, deferred_remove);
    OFFSET(dm_info, internal_suspend);

    CONSTANT(DM_DEVICE_REMOVE);
    CONSTANT(DM_DEVICE_INFO);
    CONSTANT(DM_UDEV_DISABLE_LIBRARY_FALLBACK);
    return 0;
}
