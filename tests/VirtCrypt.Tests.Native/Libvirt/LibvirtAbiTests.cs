using System.Globalization;
using System.Runtime.InteropServices;
using VirtCrypt.Libvirt;
using VirtCrypt.Tests.Native.Support;
using static VirtCrypt.Interop.Interop.Libvirt;

namespace VirtCrypt.Tests.Native.Libvirt;

[TestFixture]
[Category("Native")]
public class LibvirtAbiTests
{
    private IReadOnlyDictionary<string, long> header = null!;

    [OneTimeSetUp]
    public void CompileProbe() => header = CProgram.RunAbiProbe("libvirt.c");

    [TestCase(typeof(virError), "virError", new[] { "code", "domain", "message", "level", "conn", "dom", "str1", "str2", "str3", "int1", "int2", "net" })]
    [TestCase(typeof(virDomainInfo), "virDomainInfo", new[] { "state", "maxMem", "memory", "nrVirtCpu", "cpuTime" })]
    [TestCase(typeof(virDomainBlockInfo), "virDomainBlockInfo", new[] { "capacity", "allocation", "physical" })]
    [TestCase(typeof(virTypedParameter), "virTypedParameter", new[] { "field", "type", "value" })]
    [TestCase(typeof(virDomainBlockJobInfo), "virDomainBlockJobInfo", new[] { "type", "bandwidth", "cur", "end" })]
    public void Struct_SizeAndOffsets_MatchTheHeader(Type type, string cName, string[] fields)
    {
        Marshal.SizeOf(type).Should().Be((int)header[$"sizeof.{cName}"], $"sizeof({cName})");
        foreach (var field in fields)
        {
            ((long)Marshal.OffsetOf(type, field)).Should().Be(header[$"offsetof.{cName}.{field}"], $"offsetof({cName}, {field})");
        }

        type.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
            .Select(f => f.Name).Should().BeEquivalentTo(fields, "every C field is declared, and nothing else");
    }


    [Test]
    public void PublicEnums_HaveLibvirtsValues()
    {
        var declared = new Dictionary<string, long>();
        foreach (var state in Enum.GetValues<DomainState>())
        {
            declared[state switch
            {
                DomainState.NoState => "VIR_DOMAIN_NOSTATE",
                DomainState.ShuttingDown => "VIR_DOMAIN_SHUTDOWN",
                _ => "VIR_DOMAIN_" + state.ToString().ToUpperInvariant(),
            }] = (long)state;
        }

        foreach (var type in Enum.GetValues<BlockJobType>())
        {
            declared["VIR_DOMAIN_BLOCK_JOB_TYPE_" + (type == BlockJobType.ActiveCommit ? "ACTIVE_COMMIT" : type.ToString().ToUpperInvariant())] = (long)type;
        }

        foreach (var status in Enum.GetValues<BlockJobStatus>())
        {
            declared["VIR_DOMAIN_BLOCK_JOB_" + status.ToString().ToUpperInvariant()] = (long)status;
        }

        foreach (var kind in Enum.GetValues<DomainLifecycleEventKind>())
        {
            declared["VIR_DOMAIN_EVENT_" + kind.ToString().ToUpperInvariant()] = (long)kind;
        }

        var header = CConstantProbe.Run(["#include <libvirt/libvirt.h>"], declared.Keys, []);

        header.ToDictionary(p => p.Key, p => long.Parse(p.Value, CultureInfo.InvariantCulture)).Should().Equal(declared);
    }
}
