using VirtCrypt.Interop;

namespace VirtCrypt.Tests.Unit.Interop;

[TestFixture]
[Category("Unit")]
public class NativeLibraryResolverTests
{
    [Test]
    public void TryLoad_MissingLibrary_NamesTheSonameAndTheDebianPackage()
    {
        var missing = new NativeLibraryInfo("virtcrypt-test-missing", "libvirtcrypt-missing.so.7", "virtcrypt-missing7", "VIRTCRYPT_TEST_MISSING_PATH");

        var loaded = NativeLibraryResolver.TryLoad(missing, out var error);

        loaded.Should().BeFalse();
        error.Should().Contain("libvirtcrypt-missing.so.7").And.Contain("apt-get install virtcrypt-missing7");
    }

    [Test]
    public void KnownLibraries_AreLoadedByVersionedSoname()
    {
        NativeLibraryInfo.All.Select(l => l.Soname).Should().BeEquivalentTo(
            "libvirt.so.0", "libcryptsetup.so.12", "liblvm2cmd.so.2.03", "libblkid.so.1", "libdevmapper.so.1.02.1");
    }
}
