using System.Text;
using VirtCrypt.Crypto;
using VirtCrypt.Errors;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Crypto;

[TestFixture]
[Category("Integration")]
public class LuksMappingTests
{
    private const long MiB = 1024 * 1024;
    private const string Name = "vc_luks_test";

    private static readonly LuksFormatOptions CheapLuks2 = new()
    {
        Pbkdf = new PbkdfOptions { Algorithm = PbkdfAlgorithm.Argon2id, Iterations = 4, MemoryKiB = 32, Threads = 1 },
    };

    private LoopDevice loop = null!;
    private Secret passphrase = null!;
    private LuksVolume volume = null!;

    [OneTimeSetUp]
    public void InsideTheTestHost() => TestHost.Require();

    [SetUp]
    public async Task FormatALoopDevice()
    {
        loop = LoopDevice.Create(64 * MiB);
        passphrase = Secret.FromChars("correct horse".AsSpan());
        volume = await LuksVolume.FormatAsync(loop.DevicePath, LuksKey.FromPassphrase(passphrase), CheapLuks2);
    }

    [TearDown]
    public async Task CloseAndDetach()
    {
        if (LuksVolume.Status(Name) is not null)
        {
            await LuksVolume.CloseAsync(Name);
        }

        volume.Dispose();
        passphrase.Dispose();
        loop.Dispose();
    }

    [Test]
    public async Task Open_WriteClose_Reopen_ReadsThePatternBack_WhichTheRawDeviceDoesNotContain()
    {
        var pattern = Pattern();

        var mapped = await volume.OpenAsync(Name, LuksKey.FromPassphrase(passphrase));

        mapped.Should().BeEquivalentTo(new
        {
            Name,
            Path = "/dev/mapper/" + Name,
            SizeBytes = 48 * MiB,
            UnderlyingDevice = loop.DevicePath,
            ReadOnly = false,
            AllowDiscards = false,
            InUse = false,
        });
        Write(mapped.Path, MiB, pattern);
        await LuksVolume.CloseAsync(Name);
        LuksVolume.Status(Name).Should().BeNull();
        File.Exists(mapped.Path).Should().BeFalse();

        var reopened = await volume.OpenAsync(Name, LuksKey.FromPassphrase(passphrase));

        Read(reopened.Path, MiB, pattern.Length).Should().Equal(pattern);
        Contains(File.ReadAllBytes(loop.DevicePath), pattern.AsSpan(0, 64)).Should().BeFalse("the data is encrypted on the device");
    }

    [Test]
    public async Task AllowDiscards_IsInTheActiveDeviceFlags()
    {
        var mapped = await volume.OpenAsync(Name, LuksKey.FromPassphrase(passphrase), new MappingOptions { AllowDiscards = true });

        mapped.AllowDiscards.Should().BeTrue();
        LuksVolume.Status(Name)!.AllowDiscards.Should().BeTrue();
        ExternalTool.Run("cryptsetup", "status", Name).Should().MatchRegex(@"flags:\s+discards");
    }

    [Test]
    public async Task ReadOnly_MappingRefusesWrites()
    {
        var mapped = await volume.OpenAsync(Name, LuksKey.FromPassphrase(passphrase), new MappingOptions { ReadOnly = true });

        mapped.ReadOnly.Should().BeTrue();
        FluentActions.Invoking(() => Write(mapped.Path, 0, [1])).Should().Throw<UnauthorizedAccessException>();
    }

    [Test]
    public async Task Open_WithAWrongKey_LeavesNoMapping()
    {
        using var wrong = Secret.FromChars("battery staple".AsSpan());

        var open = () => volume.OpenAsync(Name, LuksKey.FromPassphrase(wrong));

        await open.Should().ThrowAsync<WrongPassphraseException>();
        LuksVolume.Status(Name).Should().BeNull();
        File.Exists("/dev/mapper/" + Name).Should().BeFalse();
    }

    [Test]
    public async Task Open_RefusesANameInUse_AndLeavesThatMappingAlone()
    {
        await volume.OpenAsync(Name, LuksKey.FromPassphrase(passphrase));

        var again = () => volume.OpenAsync(Name, LuksKey.FromPassphrase(passphrase));

        (await again.Should().ThrowAsync<ObjectAlreadyExistsException>())
            .WithMessage($"Cannot open {loop.DevicePath} as /dev/mapper/{Name}: that mapping already exists*");
        LuksVolume.Status(Name).Should().NotBeNull();
    }

    [Test]
    public async Task Close_OfAMappingHeldOpen_SaysBusy_AndLeavesItOpen()
    {
        var mapped = await volume.OpenAsync(Name, LuksKey.FromPassphrase(passphrase));
        using (File.OpenHandle(mapped.Path, FileMode.Open, FileAccess.Read))
        {
            LuksVolume.Status(Name)!.InUse.Should().BeTrue();

            var close = () => LuksVolume.CloseAsync(Name);

            (await close.Should().ThrowAsync<ResourceBusyException>()).WithMessage($"Cannot close {mapped.Path}: it is in use*");
            LuksVolume.Status(Name).Should().NotBeNull();
        }

        await LuksVolume.CloseAsync(Name);
        LuksVolume.Status(Name).Should().BeNull();
    }

    [Test]
    public async Task Close_OfAMappingThatIsNotOpen_SaysSo() =>
        (await FluentActions.Awaiting(() => LuksVolume.CloseAsync(Name)).Should().ThrowAsync<ObjectNotFoundException>())
            .WithMessage($"Cannot close /dev/mapper/{Name}: no such mapping is open.");

    [Test]
    public async Task TheCli_OpensWhatLuksVolumeWrote_WithAKeyfile()
    {
        var keyFile = Path.Combine(Path.GetTempPath(), $"virtcrypt-key-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(keyFile, Encoding.UTF8.GetBytes("a keyfile, not argv"));
        try
        {
            await volume.AddKeyAsync(LuksKey.FromPassphrase(passphrase), LuksKey.FromKeyFile(keyFile), CheapLuks2.Pbkdf);
            var pattern = Pattern();
            var mapped = await volume.OpenAsync(Name, LuksKey.FromKeyFile(keyFile));
            Write(mapped.Path, 0, pattern);
            await LuksVolume.CloseAsync(Name);

            ExternalTool.Run("cryptsetup", "open", "--key-file", keyFile, loop.DevicePath, Name);

            Read("/dev/mapper/" + Name, 0, pattern.Length).Should().Equal(pattern);
            LuksVolume.Status(Name)!.UnderlyingDevice.Should().Be(loop.DevicePath);
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Test]
    public async Task Format_RefusesAnLvmPhysicalVolume()
    {
        using var pvLoop = LoopDevice.Create(16 * MiB);
        ExternalTool.Run("lvm", "pvcreate", "-q", pvLoop.DevicePath);
        try
        {
            var format = () => LuksVolume.FormatAsync(pvLoop.DevicePath, LuksKey.FromPassphrase(passphrase), CheapLuks2);

            (await format.Should().ThrowAsync<DeviceNotEmptyException>())
                .WithMessage($"Refusing to format {pvLoop.DevicePath}: it holds an LVM physical volume (LVM2_member)*");
        }
        finally
        {
            ExternalTool.Run("lvm", "pvremove", "-q", pvLoop.DevicePath);
        }
    }

    private static byte[] Pattern()
    {
        var pattern = new byte[256 * 1024];
        var marker = Encoding.ASCII.GetBytes("VirtCrypt-pattern-0123456789abcdef-");
        for (var i = 0; i < pattern.Length; i++)
        {
            pattern[i] = marker[i % marker.Length];
        }

        return pattern;
    }

    private static void Write(string path, long offset, byte[] data)
    {
        using var device = new FileStream(path, FileMode.Open, FileAccess.Write);
        device.Position = offset;
        device.Write(data);
        device.Flush(flushToDisk: true);
    }

    private static byte[] Read(string path, long offset, int count)
    {
        using var device = new FileStream(path, FileMode.Open, FileAccess.Read);
        device.Position = offset;
        var data = new byte[count];
        device.ReadExactly(data);
        return data;
    }

    private static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
