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
    public void Constants_MatchTheHeader()
    {
        var declared = new Dictionary<string, long>
        {
            ["VIR_CONNECT_RO"] = VIR_CONNECT_RO,
            ["VIR_CONNECT_LIST_DOMAINS_ACTIVE"] = VIR_CONNECT_LIST_DOMAINS_ACTIVE,
            ["VIR_CONNECT_LIST_DOMAINS_INACTIVE"] = VIR_CONNECT_LIST_DOMAINS_INACTIVE,
            ["VIR_UUID_STRING_BUFLEN"] = VIR_UUID_STRING_BUFLEN,
            ["VIR_TYPED_PARAM_FIELD_LENGTH"] = VIR_TYPED_PARAM_FIELD_LENGTH,
            ["VIR_DOMAIN_XML_SECURE"] = VIR_DOMAIN_XML_SECURE,
            ["VIR_DOMAIN_XML_INACTIVE"] = VIR_DOMAIN_XML_INACTIVE,
            ["VIR_DOMAIN_DEFINE_VALIDATE"] = VIR_DOMAIN_DEFINE_VALIDATE,
            ["VIR_DOMAIN_UNDEFINE_MANAGED_SAVE"] = VIR_DOMAIN_UNDEFINE_MANAGED_SAVE,
            ["VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA"] = VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA,
            ["VIR_DOMAIN_UNDEFINE_NVRAM"] = VIR_DOMAIN_UNDEFINE_NVRAM,
            ["VIR_DOMAIN_UNDEFINE_KEEP_NVRAM"] = VIR_DOMAIN_UNDEFINE_KEEP_NVRAM,
            ["VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA"] = VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA,
            ["VIR_DOMAIN_SHUTDOWN_DEFAULT"] = VIR_DOMAIN_SHUTDOWN_DEFAULT,
            ["VIR_DOMAIN_EVENT_ID_LIFECYCLE"] = VIR_DOMAIN_EVENT_ID_LIFECYCLE,
            ["VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2"] = VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2,
            ["VIR_TYPED_PARAM_UINT"] = VIR_TYPED_PARAM_UINT,
            ["VIR_TYPED_PARAM_ULLONG"] = VIR_TYPED_PARAM_ULLONG,
            ["VIR_DOMAIN_BLOCK_COPY_SHALLOW"] = VIR_DOMAIN_BLOCK_COPY_SHALLOW,
            ["VIR_DOMAIN_BLOCK_COPY_REUSE_EXT"] = VIR_DOMAIN_BLOCK_COPY_REUSE_EXT,
            ["VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB"] = VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB,
            ["VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES"] = VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES,
            ["VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC"] = VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC,
            ["VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT"] = VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT,
            ["VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES"] = VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES,
            ["VIR_DOMAIN_BLOCK_JOB_TYPE_COPY"] = VIR_DOMAIN_BLOCK_JOB_TYPE_COPY,
            ["VIR_DOMAIN_BLOCK_JOB_COMPLETED"] = VIR_DOMAIN_BLOCK_JOB_COMPLETED,
            ["VIR_DOMAIN_BLOCK_JOB_FAILED"] = VIR_DOMAIN_BLOCK_JOB_FAILED,
            ["VIR_DOMAIN_BLOCK_JOB_CANCELED"] = VIR_DOMAIN_BLOCK_JOB_CANCELED,
            ["VIR_DOMAIN_BLOCK_JOB_READY"] = VIR_DOMAIN_BLOCK_JOB_READY,
            [$"{nameof(VIR_DOMAIN_BLOCK_COPY_BANDWIDTH)}.is_{VIR_DOMAIN_BLOCK_COPY_BANDWIDTH}"] = 1,
            [$"{nameof(VIR_DOMAIN_BLOCK_COPY_GRANULARITY)}.is_{VIR_DOMAIN_BLOCK_COPY_GRANULARITY}"] = 1,
            [$"{nameof(VIR_DOMAIN_BLOCK_COPY_BUF_SIZE)}.is_{VIR_DOMAIN_BLOCK_COPY_BUF_SIZE}"] = 1,
            ["VIR_ERR_OK"] = VIR_ERR_OK,
            ["VIR_ERR_NO_SUPPORT"] = VIR_ERR_NO_SUPPORT,
            ["VIR_ERR_NO_CONNECT"] = VIR_ERR_NO_CONNECT,
            ["VIR_ERR_INVALID_CONN"] = VIR_ERR_INVALID_CONN,
            ["VIR_ERR_INVALID_ARG"] = VIR_ERR_INVALID_ARG,
            ["VIR_ERR_DOM_EXIST"] = VIR_ERR_DOM_EXIST,
            ["VIR_ERR_OPERATION_DENIED"] = VIR_ERR_OPERATION_DENIED,
            ["VIR_ERR_SYSTEM_ERROR"] = VIR_ERR_SYSTEM_ERROR,
            ["VIR_ERR_RPC"] = VIR_ERR_RPC,
            ["VIR_ERR_NO_DOMAIN"] = VIR_ERR_NO_DOMAIN,
            ["VIR_ERR_AUTH_FAILED"] = VIR_ERR_AUTH_FAILED,
            ["VIR_ERR_NO_STORAGE_VOL"] = VIR_ERR_NO_STORAGE_VOL,
            ["VIR_ERR_OPERATION_INVALID"] = VIR_ERR_OPERATION_INVALID,
            ["VIR_ERR_CONFIG_UNSUPPORTED"] = VIR_ERR_CONFIG_UNSUPPORTED,
            ["VIR_ERR_AUTH_CANCELLED"] = VIR_ERR_AUTH_CANCELLED,
            ["VIR_ERR_OPERATION_UNSUPPORTED"] = VIR_ERR_OPERATION_UNSUPPORTED,
            ["VIR_ERR_RESOURCE_BUSY"] = VIR_ERR_RESOURCE_BUSY,
            ["VIR_ERR_ACCESS_DENIED"] = VIR_ERR_ACCESS_DENIED,
            ["VIR_ERR_AUTH_UNAVAILABLE"] = VIR_ERR_AUTH_UNAVAILABLE,
            ["VIR_FROM_RPC"] = VIR_FROM_RPC,
            ["VIR_FROM_REMOTE"] = VIR_FROM_REMOTE,
        };

        foreach (var (name, value) in declared)
        {
            value.Should().Be(header[name], name);
        }
    }

    [Test]
    public void PublicEnums_HaveLibvirtsValues()
    {
        foreach (var state in Enum.GetValues<DomainState>())
        {
            var cName = state switch
            {
                DomainState.NoState => "VIR_DOMAIN_NOSTATE",
                DomainState.ShuttingDown => "VIR_DOMAIN_SHUTDOWN",
                _ => "VIR_DOMAIN_" + state.ToString().ToUpperInvariant(),
            };
            ((long)state).Should().Be(header[cName], cName);
        }

        foreach (var type in Enum.GetValues<BlockJobType>())
        {
            var cName = "VIR_DOMAIN_BLOCK_JOB_TYPE_" + (type == BlockJobType.ActiveCommit ? "ACTIVE_COMMIT" : type.ToString().ToUpperInvariant());
            ((long)type).Should().Be(header[cName], cName);
        }

        foreach (var status in Enum.GetValues<BlockJobStatus>())
        {
            var cName = "VIR_DOMAIN_BLOCK_JOB_" + status.ToString().ToUpperInvariant();
            ((long)status).Should().Be(header[cName], cName);
        }

        foreach (var kind in Enum.GetValues<DomainLifecycleEventKind>())
        {
            var cName = "VIR_DOMAIN_EVENT_" + kind.ToString().ToUpperInvariant();
            ((long)kind).Should().Be(header[cName], cName);
        }
    }
}
