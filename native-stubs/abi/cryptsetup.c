/* ABI probe for libcryptsetup: the structs VirtCrypt declares and the constants it uses. */
#include <stddef.h>
#include <stdio.h>
#include <libcryptsetup.h>

#define SIZE(s) printf("sizeof.%s=%zu\n", #s, sizeof(struct s))
#define OFFSET(s, f) printf("offsetof.%s.%s=%zu\n", #s, #f, offsetof(struct s, f))
#define CONSTANT(c) printf("%s=%lld\n", #c, (long long)(c))

int main(void)
{
    SIZE(crypt_params_luks1);
    OFFSET(crypt_params_luks1, hash);
    OFFSET(crypt_params_luks1, data_alignment);
    OFFSET(crypt_params_luks1, data_device);

    SIZE(crypt_params_luks2);
    OFFSET(crypt_params_luks2, pbkdf);
    OFFSET(crypt_params_luks2, integrity);
    OFFSET(crypt_params_luks2, integrity_params);
    OFFSET(crypt_params_luks2, data_alignment);
    OFFSET(crypt_params_luks2, data_device);
    OFFSET(crypt_params_luks2, sector_size);
    OFFSET(crypt_params_luks2, label);
    OFFSET(crypt_params_luks2, subsystem);

    SIZE(crypt_pbkdf_type);
    OFFSET(crypt_pbkdf_type, type);
    OFFSET(crypt_pbkdf_type, hash);
    OFFSET(crypt_pbkdf_type, time_ms);
    OFFSET(crypt_pbkdf_type, iterations);
    OFFSET(crypt_pbkdf_type, max_memory_kb);
    OFFSET(crypt_pbkdf_type, parallel_threads);
    OFFSET(crypt_pbkdf_type, flags);

    SIZE(crypt_active_device);
    OFFSET(crypt_active_device, offset);
    OFFSET(crypt_active_device, iv_offset);
    OFFSET(crypt_active_device, size);
    OFFSET(crypt_active_device, flags);

    CONSTANT(CRYPT_LOG_NORMAL);
    CONSTANT(CRYPT_LOG_ERROR);
    CONSTANT(CRYPT_LOG_VERBOSE);
    CONSTANT(CRYPT_LOG_DEBUG);
    CONSTANT(CRYPT_LOG_DEBUG_JSON);
    CONSTANT(CRYPT_DEBUG_ALL);
    CONSTANT(CRYPT_DEBUG_NONE);
    CONSTANT(CRYPT_PBKDF_NO_BENCHMARK);
    CONSTANT(CRYPT_ANY_SLOT);
    CONSTANT(CRYPT_SLOT_INVALID);
    CONSTANT(CRYPT_SLOT_INACTIVE);
    CONSTANT(CRYPT_SLOT_ACTIVE);
    CONSTANT(CRYPT_SLOT_ACTIVE_LAST);
    CONSTANT(CRYPT_SLOT_UNBOUND);
    CONSTANT(CRYPT_ACTIVATE_READONLY);
    CONSTANT(CRYPT_ACTIVATE_ALLOW_DISCARDS);
    CONSTANT(CRYPT_INVALID);
    CONSTANT(CRYPT_INACTIVE);
    CONSTANT(CRYPT_ACTIVE);
    CONSTANT(CRYPT_BUSY);
    CONSTANT(CRYPT_WIPE_ZERO);
    CONSTANT(CRYPT_WIPE_RANDOM);
    return 0;
}
