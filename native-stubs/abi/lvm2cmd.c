/* ABI probe for liblvm2cmd: the log levels its log function receives and the return codes of lvm2_run. */
#include <stdio.h>
#include <lvm2cmd.h>

int main(void)
{
    printf("LVM2_LOG_FATAL=%d\n", LVM2_LOG_FATAL);
    printf("LVM2_LOG_ERROR=%d\n", LVM2_LOG_ERROR);
    printf("LVM2_LOG_PRINT=%d\n", LVM2_LOG_PRINT);
    printf("LVM2_LOG_VERBOSE=%d\n", LVM2_LOG_VERBOSE);
    printf("LVM2_LOG_VERY_VERBOSE=%d\n", LVM2_LOG_VERY_VERBOSE);
    printf("LVM2_LOG_DEBUG=%d\n", LVM2_LOG_DEBUG);
    printf("LVM2_COMMAND_SUCCEEDED=%d\n", LVM2_COMMAND_SUCCEEDED);
    printf("LVM2_NO_SUCH_COMMAND=%d\n", LVM2_NO_SUCH_COMMAND);
    printf("LVM2_INVALID_PARAMETERS=%d\n", LVM2_INVALID_PARAMETERS);
    printf("LVM2_INIT_FAILED=%d\n", LVM2_INIT_FAILED);
    printf("LVM2_PROCESSING_FAILED=%d\n", LVM2_PROCESSING_FAILED);
    return 0;
}
