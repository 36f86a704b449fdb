/* ABI probe for liblvm2cmd: the return codes of lvm2_run. */
#include <stdio.h>
#include <lvm2cmd.h>

int main(void)
{
    printf("LVM2_COMMAND_SUCCEEDED=%d\n", LVM2_COMMAND_SUCCEEDED);
    printf("LVM2_NO_SUCH_COMMAND=%d\n", LVM2_NO_SUCH_COMMAND);
    printf("LVM2_INVALID_PARAMETERS=%d\n", LVM2_INVALID_PARAMETERS);
    printf("LVM2_PROCESSING_FAILED=%d\n", LVM2_PROCESSING_FAILED);
    return 0;
}
