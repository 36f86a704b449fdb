using NUnit.Framework.Interfaces;
using VirtCrypt.Interop;

[assembly: VirtCrypt.Tests.HandleLeakCheck]

namespace VirtCrypt.Tests;

/// <summary>
/// Fails every test that leaves a native handle open which it allocated (a leaked libvirt connection, for one, keeps
/// test:///default's state alive into later tests), naming each handle with the stack of its allocation. The test
/// projects turn tracking on (<see cref="HandleTracker.Switch"/> in Directory.Build.props).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class HandleLeakCheckAttribute : Attribute, ITestAction
{
    private long mark;

    public ActionTargets Targets => ActionTargets.Test;

    public void BeforeTest(ITest test) => mark = HandleTracker.Mark;

    public void AfterTest(ITest test)
    {
        if (HandleTracker.OpenSince(mark) is { Count: > 0 } leaked)
        {
            Assert.Fail($"{test.FullName} left {leaked.Count} native handle(s) open:\n{string.Join("\n", leaked)}");
        }
    }
}
