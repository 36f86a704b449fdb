using System.Security;

namespace VirtCrypt.Tests.Native.Hosting;

/// <summary>
/// The orchestration sample (samples/VirtCrypt.Orchestration) run as a program against libvirt's test driver, loaded from
/// a node file with running and shut-off guests: it selects the shut-off guests that match, plans each (refused here:
/// this host has no volume group and no device-mapper), reports them in its table and exits non-zero.
/// </summary>
[TestFixture]
[Category("Native")]
public class OrchestrationSampleTests
{
    private string work = null!;

    [SetUp]
    public void CreateNode()
    {
        work = Directory.CreateTempSubdirectory("virtcrypt-orchestration-").FullName;
        File.WriteAllText(NodeFile, $"""
            <node>
              {Guest("web1", shutOff: true)}
              {Guest("web2", shutOff: true)}
              {Guest("web3", shutOff: false)}
              {Guest("db1", shutOff: true)}
            </node>
            """);
    }

    [TearDown]
    public void RemoveNode() => Directory.Delete(work, recursive: true);

    private string NodeFile => Path.Combine(work, "node.xml");

    [Test]
    public void Glob_PlansEveryShutOffMatch_AndReportsTheMissingVolumeGroup()
    {
        var (exit, output) = Run("--pattern", "web*", "--vg", "vc_absent", "--plan-only");

        exit.Should().Be(1, "every plan was refused");
        output.Should().Contain("web1: refused, nothing was changed: [volume group exists] Volume group vc_absent does not exist")
            .And.Contain("web2: refused, nothing was changed: [volume group exists]");
        var table = OrchestrationSample.ReportRows(output);
        table.Keys.Should().Equal("web1", "web2");
        table.Values.Should().AllSatisfy(row => row.Should().Contain("refused: volume group exists"));
    }

    [Test]
    public void Regex_SelectsByTheWholeName()
    {
        var (_, output) = Run("--pattern", "web[13]|db.", "--regex", "--vg", "vc_absent", "--plan-only");

        OrchestrationSample.ReportRows(output).Keys.Should().Equal("db1", "web1");
    }

    [Test]
    public void NoMatch_FailsAndSaysSo()
    {
        var (exit, output) = Run("--pattern", "mail*", "--vg", "vc_absent", "--plan-only");

        exit.Should().Be(1);
        output.Should().Contain("No shut-off guest matches 'mail*'");
    }

    [Test]
    public void AMigrationWithoutAKeySource_IsAUsageError()
    {
        var (exit, output) = Run("--pattern", "web*", "--vg", "vc_absent");

        exit.Should().Be(2);
        output.Should().Contain("--passphrase-file");
    }

    private (int Exit, string Output) Run(params string[] arguments) =>
        OrchestrationSample.Run(["--connect", "test://" + NodeFile, .. arguments]);

    private string Guest(string name, bool shutOff)
    {
        var disk = Path.Combine(work, name + ".img");
        using (var image = File.Create(disk))
        {
            image.SetLength(4 << 20);
        }

        return $"""
            <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
              <name>{name}</name>
              <memory unit='KiB'>32768</memory>
              <os><type arch='x86_64'>hvm</type></os>
              <devices>
                <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='{SecurityElement.Escape(disk)}'/><target dev='vda' bus='virtio'/></disk>
              </devices>
              {(shutOff ? "<test:runstate>5</test:runstate>" : "")}
            </domain>
            """;
    }
}
