/*
 * Fault-injection shim (LD_PRELOAD) for the Integration tests: wraps the real ioctl() and stops the whole process
 * (SIGSTOP) right after a successful DM_DEV_CREATE for the device-mapper name in VIRTCRYPT_TEST_STOP_AFTER_DM_CREATE.
 * The test then SIGKILLs the stopped process: the device exists in the kernel without a table, exactly as after a
 * kill between libdevmapper's create and table-load ioctls. Every other call passes through unchanged.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <linux/dm-ioctl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

int ioctl(int fd, unsigned long request, ...)
{
    static int (*real_ioctl)(int, unsigned long, ...);
    va_list arguments;
    va_start(arguments, request);
    void *argument = va_arg(arguments, void *);
    va_end(arguments);

    if (!real_ioctl)
        real_ioctl = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");

    int result = real_ioctl(fd, request, argument);
    if (result == 0 && request == DM_DEV_CREATE) {
        const char *stop_name = getenv("VIRTCRYPT_TEST_STOP_AFTER_DM_CREATE");
        const struct dm_ioctl *created = argument;
        if (stop_name && strncmp(created->name, stop_name, DM_NAME_LEN) == 0)
            raise(SIGSTOP);
    }

    return result;
}
