/* ABI probe for libcryptsetup: the structs VirtCrypt declares (constants: Abi/InteropConstantsTests). */
#include <stddef.h>
#include <stdio.h>
#include <libcryptsetup.h>

#define SIZE(s) printf("sizeof.%s=%zu\n", #s, sizeof(struct s))
#define OFFSET(s, f) printf("offsetof.%s.%s=%zu\n", #s, #f, offsetof(struct s, f))

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

    SIZE(crypt_params_reencrypt);
    OFFSET(crypt_params_reencrypt, mode);
    OFFSET(crypt_params_reencrypt, direction);
    OFFSET(crypt_params_reencrypt, resilience);
    OFFSET(crypt_params_reencrypt, hash);
    OFFSET(crypt_params_reencrypt, data_shift);
    OFFSET(crypt_params_reencrypt, max_hotzone_size);
    OFFSET(crypt_params_reencrypt, device_size);
    OFFSET(crypt_params_reencrypt, luks2);
    OFFSET(crypt_params_reencrypt, flags);
    return 0;
}
