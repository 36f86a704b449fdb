using System.Reflection;
using System.Reflection.Emit;
using VirtCrypt.Crypto;
using VirtCrypt.Interop;

namespace VirtCrypt.Tests.Unit.Interop;

/// <summary>
/// Only each library's proxy (and the few named helpers of its call layer) calls into that library's imports: found
/// by reading the IL of every method of VirtCrypt.Core, lambdas and async state machines included. The imports stay
/// <c>internal</c> to Interop because the proxies, which map errors to Core's exceptions, live in Core; this test is
/// what makes them "reachable only through the proxy". SafeHandle types and the values Interop copies out (events)
/// are passed around and are not counted.
/// </summary>
[TestFixture]
[Category("Unit")]
public class NativeCallSiteTests
{
    /// <summary>The Core types allowed to call each library's imports and call-layer helpers, and why.</summary>
    private static readonly Dictionary<string, string[]> AllowedCallers = new()
    {
        ["Libvirt"] =
        [
            "LibvirtProxy",
            "LibvirtErrors", // the error table: takes the thread's last error
            "BlockCopyParameters", // builds the proxy's typed parameters and checks each addition
        ],
        ["Cryptsetup"] =
        [
            "CryptsetupProxy",
            "CryptsetupCall", // routes the library's log for one serialized stretch of calls
            "CryptsetupVersion", // reads the version from that log
        ],
        ["Devmapper"] = ["DmDevices"],
        ["Blkid"] = ["DeviceContentProbe", "BlkidVersion"],
        ["Lvm2Cmd"] = ["LvmCommandRunner"],
    };

    /// <summary>Interop's helper types outside <c>Interop.X</c> (LibvirtLastError, CryptsetupLog, Lvm2Log ...), by name.</summary>
    private static readonly (string Prefix, string? Library)[] HelperPrefixes =
        [("Libvirt", "Libvirt"), ("Cryptsetup", "Cryptsetup"), ("Lvm2", "Lvm2Cmd"), ("Dm", "Devmapper"), ("Blkid", "Blkid")];

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Test]
    public void OnlyTheProxyOfALibrary_CallsItsImports()
    {
        var strays = NativeCalls()
            .Where(c => !AllowedCallers[c.Library].Contains(c.Caller.Name))
            .Select(c => $"{c.Caller.FullName}.{c.Method.Name} calls {c.Callee.DeclaringType!.Name}.{c.Callee.Name} ({c.Library})")
            .Distinct()
            .ToList();

        strays.Should().BeEmpty("a native call goes through its library's proxy (Core/Libvirt/LibvirtProxy.cs, Core/Crypto/CryptsetupProxy*.cs)");
    }

    [Test]
    public void TheScan_SeesTheProxiesCallingIntoEachLibrary()
    {
        var calls = NativeCalls().ToList();

        calls.Where(c => c.Caller.Name == "LibvirtProxy").Select(c => c.Callee.Name).Distinct()
            .Should().Contain(["virDomainCreate", "virConnectOpenAuth", "virDomainBlockJobAbort", "Start", "Take"]);
        calls.Where(c => c.Caller.Name == "CryptsetupProxy").Select(c => c.Callee.Name).Distinct()
            .Should().Contain(["crypt_init", "crypt_activate_by_passphrase", "crypt_format", "crypt_header_backup", "crypt_reencrypt_init_by_passphrase"]);
        calls.Select(c => c.Library).Distinct().Should().BeEquivalentTo(AllowedCallers.Keys);
    }

    [Test]
    public void NoPublicCoreType_IsAllowedToCallALibrary()
    {
        var core = typeof(LuksVolume).Assembly;

        AllowedCallers.Values.SelectMany(names => names)
            .Where(name => core.GetTypes().Any(t => t.Name == name && t.IsPublic))
            .Should().BeEmpty("public types (Hypervisor, Domain, LuksVolume ...) never name a C function");
    }

    private static IEnumerable<NativeCall> NativeCalls()
    {
        var interop = typeof(NativeLibraryInfo).Assembly;
        foreach (var type in typeof(LuksVolume).Assembly.GetTypes())
        {
            var owner = type;
            while (owner.DeclaringType is { } outer)
            {
                owner = outer;
            }

            const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                foreach (var callee in Callees(method))
                {
                    if (callee.DeclaringType?.Assembly == interop && !IsPropertyRead(callee) && LibraryOf(callee.DeclaringType) is { } library)
                    {
                        yield return new NativeCall(owner, method, callee, library);
                    }
                }
            }
        }
    }

    /// <summary>Reading a value Interop copied out (an event's domain name) is no call into the library.</summary>
    private static bool IsPropertyRead(MethodBase callee) => callee.IsSpecialName && callee.Name.StartsWith("get_", StringComparison.Ordinal);

    /// <summary>The library an Interop type belongs to: the <c>Interop.X</c> class it is nested in, or its name's prefix.</summary>
    private static string? LibraryOf(Type type)
    {
        if (typeof(System.Runtime.InteropServices.SafeHandle).IsAssignableFrom(type))
        {
            return null;
        }

        var nested = type;
        while (nested.DeclaringType is { } outer)
        {
            if (outer.Name == "Interop")
            {
                return nested.Name == "Libc" ? null : nested.Name;
            }

            nested = outer;
        }

        return HelperPrefixes.FirstOrDefault(h => nested.Name.StartsWith(h.Prefix, StringComparison.Ordinal)).Library;
    }

    /// <summary>Every method a method body calls, loads a pointer to or constructs (call, callvirt, newobj, ldftn ...).</summary>
    internal static IEnumerable<MethodBase> Callees(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            var value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            var opCode = OpCodesByValue[value];
            at += opCode.Size;
            if (opCode.OperandType == OperandType.InlineMethod)
            {
                yield return method.Module.ResolveMethod(BitConverter.ToInt32(il, at), typeArguments, methodArguments)!;
            }

            at += opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
                _ => 4,
            };
        }
    }

    private sealed record NativeCall(Type Caller, MethodBase Method, MethodBase Callee, string Library);
}
