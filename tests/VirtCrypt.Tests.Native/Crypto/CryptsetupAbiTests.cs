using System.Runtime.InteropServices;
using VirtCrypt.Tests.Native.Support;
using static VirtCrypt.Interop.Interop.Cryptsetup;

namespace VirtCrypt.Tests.Native.Crypto;

[TestFixture]
[Category("Native")]
public class CryptsetupAbiTests
{
    [Test]
    public void Structs_MatchLibcryptsetupH()
    {
        var header = CProgram.RunAbiProbe("cryptsetup.c");

        header.Should().BeEquivalentTo(new Dictionary<string, long>
            {
                ["sizeof.crypt_params_luks1"] = Marshal.SizeOf<crypt_params_luks1>(),
                ["offsetof.crypt_params_luks1.hash"] = Offset<crypt_params_luks1>("hash"),
                ["offsetof.crypt_params_luks1.data_alignment"] = Offset<crypt_params_luks1>("data_alignment"),
                ["offsetof.crypt_params_luks1.data_device"] = Offset<crypt_params_luks1>("data_device"),
                ["sizeof.crypt_params_luks2"] = Marshal.SizeOf<crypt_params_luks2>(),
                ["offsetof.crypt_params_luks2.pbkdf"] = Offset<crypt_params_luks2>("pbkdf"),
                ["offsetof.crypt_params_luks2.integrity"] = Offset<crypt_params_luks2>("integrity"),
                ["offsetof.crypt_params_luks2.integrity_params"] = Offset<crypt_params_luks2>("integrity_params"),
                ["offsetof.crypt_params_luks2.data_alignment"] = Offset<crypt_params_luks2>("data_alignment"),
                ["offsetof.crypt_params_luks2.data_device"] = Offset<crypt_params_luks2>("data_device"),
                ["offsetof.crypt_params_luks2.sector_size"] = Offset<crypt_params_luks2>("sector_size"),
                ["offsetof.crypt_params_luks2.label"] = Offset<crypt_params_luks2>("label"),
                ["offsetof.crypt_params_luks2.subsystem"] = Offset<crypt_params_luks2>("subsystem"),
                ["sizeof.crypt_pbkdf_type"] = Marshal.SizeOf<crypt_pbkdf_type>(),
                ["offsetof.crypt_pbkdf_type.type"] = Offset<crypt_pbkdf_type>("type"),
                ["offsetof.crypt_pbkdf_type.hash"] = Offset<crypt_pbkdf_type>("hash"),
                ["offsetof.crypt_pbkdf_type.time_ms"] = Offset<crypt_pbkdf_type>("time_ms"),
                ["offsetof.crypt_pbkdf_type.iterations"] = Offset<crypt_pbkdf_type>("iterations"),
                ["offsetof.crypt_pbkdf_type.max_memory_kb"] = Offset<crypt_pbkdf_type>("max_memory_kb"),
                ["offsetof.crypt_pbkdf_type.parallel_threads"] = Offset<crypt_pbkdf_type>("parallel_threads"),
                ["offsetof.crypt_pbkdf_type.flags"] = Offset<crypt_pbkdf_type>("flags"),
                ["sizeof.crypt_active_device"] = Marshal.SizeOf<crypt_active_device>(),
                ["offsetof.crypt_active_device.offset"] = Offset<crypt_active_device>("offset"),
                ["offsetof.crypt_active_device.iv_offset"] = Offset<crypt_active_device>("iv_offset"),
                ["offsetof.crypt_active_device.size"] = Offset<crypt_active_device>("size"),
                ["offsetof.crypt_active_device.flags"] = Offset<crypt_active_device>("flags"),
                ["sizeof.crypt_params_reencrypt"] = Marshal.SizeOf<crypt_params_reencrypt>(),
                ["offsetof.crypt_params_reencrypt.mode"] = Offset<crypt_params_reencrypt>("mode"),
                ["offsetof.crypt_params_reencrypt.direction"] = Offset<crypt_params_reencrypt>("direction"),
                ["offsetof.crypt_params_reencrypt.resilience"] = Offset<crypt_params_reencrypt>("resilience"),
                ["offsetof.crypt_params_reencrypt.hash"] = Offset<crypt_params_reencrypt>("hash"),
                ["offsetof.crypt_params_reencrypt.data_shift"] = Offset<crypt_params_reencrypt>("data_shift"),
                ["offsetof.crypt_params_reencrypt.max_hotzone_size"] = Offset<crypt_params_reencrypt>("max_hotzone_size"),
                ["offsetof.crypt_params_reencrypt.device_size"] = Offset<crypt_params_reencrypt>("device_size"),
                ["offsetof.crypt_params_reencrypt.luks2"] = Offset<crypt_params_reencrypt>("luks2"),
                ["offsetof.crypt_params_reencrypt.flags"] = Offset<crypt_params_reencrypt>("flags"),
            });
    }

    private static long Offset<T>(string field) => Marshal.OffsetOf<T>(field).ToInt64();
}
