using System.Runtime.InteropServices;
using VirtCrypt.Tests.Native.Support;
using static VirtCrypt.Interop.Interop.Blkid;
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

        header.Where(p => p.Key.StartsWith("sizeof.", StringComparison.Ordinal) || p.Key.StartsWith("offsetof.", StringComparison.Ordinal))
            .Should().BeEquivalentTo(new Dictionary<string, long>
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
            });
    }

    [Test]
    public void Constants_MatchLibcryptsetupH()
    {
        var header = CProgram.RunAbiProbe("cryptsetup.c");

        header.Where(p => !p.Key.Contains('.', StringComparison.Ordinal)).Should().BeEquivalentTo(new Dictionary<string, long>
        {
            ["CRYPT_LOG_NORMAL"] = CRYPT_LOG_NORMAL,
            ["CRYPT_LOG_ERROR"] = CRYPT_LOG_ERROR,
            ["CRYPT_LOG_VERBOSE"] = CRYPT_LOG_VERBOSE,
            ["CRYPT_LOG_DEBUG"] = CRYPT_LOG_DEBUG,
            ["CRYPT_LOG_DEBUG_JSON"] = CRYPT_LOG_DEBUG_JSON,
            ["CRYPT_DEBUG_ALL"] = CRYPT_DEBUG_ALL,
            ["CRYPT_DEBUG_NONE"] = CRYPT_DEBUG_NONE,
            ["CRYPT_PBKDF_NO_BENCHMARK"] = CRYPT_PBKDF_NO_BENCHMARK,
            ["CRYPT_ANY_SLOT"] = CRYPT_ANY_SLOT,
            ["CRYPT_SLOT_INVALID"] = CRYPT_SLOT_INVALID,
            ["CRYPT_SLOT_INACTIVE"] = CRYPT_SLOT_INACTIVE,
            ["CRYPT_SLOT_ACTIVE"] = CRYPT_SLOT_ACTIVE,
            ["CRYPT_SLOT_ACTIVE_LAST"] = CRYPT_SLOT_ACTIVE_LAST,
            ["CRYPT_SLOT_UNBOUND"] = CRYPT_SLOT_UNBOUND,
            ["CRYPT_ACTIVATE_READONLY"] = CRYPT_ACTIVATE_READONLY,
            ["CRYPT_ACTIVATE_ALLOW_DISCARDS"] = CRYPT_ACTIVATE_ALLOW_DISCARDS,
            ["CRYPT_INVALID"] = CRYPT_INVALID,
            ["CRYPT_INACTIVE"] = CRYPT_INACTIVE,
            ["CRYPT_ACTIVE"] = CRYPT_ACTIVE,
            ["CRYPT_BUSY"] = CRYPT_BUSY,
            ["CRYPT_WIPE_ZERO"] = CRYPT_WIPE_ZERO,
            ["CRYPT_WIPE_RANDOM"] = CRYPT_WIPE_RANDOM,
        });
    }

    [Test]
    public void BlkidProbeFlags_MatchBlkidH() =>
        CProgram.RunAbiProbe("blkid.c").Should().Equal(new Dictionary<string, long>
        {
            ["BLKID_SUBLKS_TYPE"] = BLKID_SUBLKS_TYPE,
            ["BLKID_SUBLKS_USAGE"] = BLKID_SUBLKS_USAGE,
            ["BLKID_SUBLKS_MAGIC"] = BLKID_SUBLKS_MAGIC,
            ["BLKID_SUBLKS_BADCSUM"] = BLKID_SUBLKS_BADCSUM,
            ["BLKID_PARTS_FORCE_GPT"] = BLKID_PARTS_FORCE_GPT,
            ["BLKID_PARTS_MAGIC"] = BLKID_PARTS_MAGIC,
        });

    private static long Offset<T>(string field) => Marshal.OffsetOf<T>(field).ToInt64();
}
