using VirtCrypt.Libvirt;

namespace VirtCrypt.Tests.Native.Libvirt;

[TestFixture]
[Category("Native")]
public class HypervisorTests
{
    [Test]
    public void Connect_ToTheTestDriver_ReportsUriAndVersions()
    {
        using var hypervisor = TestDriver.Connect();

        hypervisor.Uri.Should().Be(TestDriver.Uri);
        hypervisor.IsReadOnly.Should().BeFalse();
        hypervisor.LibraryVersion.Should().Be(ExternalTool.Run("virsh", "-c", TestDriver.Uri, "version", "--daemon")
            .Split('\n').First(l => l.StartsWith("Using library", StringComparison.Ordinal)).Split(' ').Last());
        hypervisor.HypervisorVersion.Should().MatchRegex(@"^\d+\.\d+\.\d+$");
    }

    [Test]
    public void Connect_ReadOnly_RefusesToDefine()
    {
        using var hypervisor = Hypervisor.Connect(TestDriver.Uri, readOnly: true);

        hypervisor.IsReadOnly.Should().BeTrue();
        hypervisor.Invoking(h => h.Define(TestDriver.MinimalDomain("ro")))
            .Should().Throw<VirtCrypt.Errors.PermissionDeniedException>().Which.NativeError!.Code.Should().Be(29);
    }

    [Test]
    public void ListDomains_ShowsTheTestDriversDomainAndDefinedOnes()
    {
        using var hypervisor = TestDriver.Connect();
        hypervisor.Define(TestDriver.MinimalDomain("listed")).Dispose();

        using var domains = hypervisor.ListDomains();

        domains.Select(d => d.Name).Should().BeEquivalentTo("test", "listed");
        domains.Single(d => d.Name == "test").State.Should().Be(DomainState.Running);
        domains.Single(d => d.Name == "listed").State.Should().Be(DomainState.ShutOff);
    }

    [Test]
    public async Task Domain_DefineLookupStartShutdownDestroyUndefine_FollowsTheStates()
    {
        using var hypervisor = TestDriver.Connect();
        var definition = TestDriver.MinimalDomain("cycle", mac: "52:54:00:01:02:03");

        using var defined = hypervisor.Define(definition);
        defined.Name.Should().Be("cycle");
        defined.IsPersistent.Should().BeTrue();
        defined.State.Should().Be(DomainState.ShutOff);
        defined.Autostart.Should().BeFalse();
        defined.Autostart = true;
        defined.Autostart.Should().BeTrue();

        using var byName = hypervisor.GetDomain("cycle");
        using var byUuid = hypervisor.GetDomain(defined.Uuid);
        byName.Uuid.Should().Be(defined.Uuid);
        byUuid.Name.Should().Be("cycle");
        byName.Interfaces.Single().MacAddress.Should().Be("52:54:00:01:02:03");
        byName.Disks.Single().Should().Match<DiskDefinition>(d =>
            d.Target == "vda" && d.Bus == "virtio" && d.SourceType == "file" && d.Device == "disk" &&
            d.SourcePath == "/var/lib/libvirt/images/cycle.img" && !d.IsReadOnly && !d.IsShareable);

        defined.Start();
        defined.State.Should().Be(DomainState.Running);
        defined.IsActive.Should().BeTrue();
        defined.GetInfo().Should().Match<DomainInfo>(i => i.State == DomainState.Running && i.MaxMemoryKiB == 32768 && i.VirtualCpus == 1);
        defined.GetXml().Should().Contain("<domain type='test' id=");
        defined.GetXml(inactive: true).Should().NotContain(" id=");
        defined.GetDiskCapacity("vda").Should().BePositive("the test driver reports a (fake) size for a running domain");

        (await defined.ShutdownAsync(TimeSpan.FromSeconds(10))).Should().Be(ShutdownOutcome.ShutDown);
        defined.State.Should().Be(DomainState.ShutOff);
        (await defined.ShutdownAsync(TimeSpan.FromSeconds(10))).Should().Be(ShutdownOutcome.AlreadyOff);

        defined.Start();
        defined.Destroy();
        defined.State.Should().Be(DomainState.ShutOff);

        defined.Undefine();
        hypervisor.FindDomain("cycle").Should().BeNull();
    }

    [Test]
    public void Undefine_WithNvram_KeepsOrRemovesIt()
    {
        using var hypervisor = TestDriver.Connect();
        var definition = TestDriver.MinimalDomain("uefi");
        definition.Root.Element("os")!.Add(
            new System.Xml.Linq.XElement("loader", new System.Xml.Linq.XAttribute("type", "pflash"), "/usr/share/OVMF/OVMF_CODE_4M.fd"));
        definition.NvramPath = "/nonexistent/uefi_VARS.fd";
        using var domain = hypervisor.Define(definition);

        domain.GetDefinition(inactive: true).NvramPath.Should().Be("/nonexistent/uefi_VARS.fd");
        domain.Invoking(d => d.Undefine(NvramHandling.Remove)).Should().Throw<VirtCrypt.Errors.VirtCryptException>(
            "the test driver cannot delete NVRAM files, and must say so rather than leave one behind silently");
        using (var stillThere = hypervisor.FindDomain("uefi"))
        {
            stillThere.Should().NotBeNull();
        }

        domain.Undefine(NvramHandling.Keep);
        hypervisor.FindDomain("uefi").Should().BeNull();
    }

    [Test]
    public void GetDiskCapacity_OfAStoppedDomain_MeasuresTheRawFileOnTheHost()
    {
        var image = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(image, new byte[3 * 4096]);
            using var hypervisor = TestDriver.Connect();
            var definition = TestDriver.MinimalDomain("sized");
            definition.Disks.Single().Element.Element("source")!.SetAttributeValue("file", image);
            using var domain = hypervisor.Define(definition);

            domain.GetDiskCapacity("vda").Should().Be(3 * 4096);
            domain.Invoking(d => d.GetDiskCapacity("vdz")).Should().Throw<VirtCrypt.Errors.ObjectNotFoundException>();
        }
        finally
        {
            File.Delete(image);
        }
    }
}
