using System.Reflection;
using VirtCrypt.Migration;
using VirtCrypt.Tests.Unit.Interop;

namespace VirtCrypt.Tests.Unit.Migration;

/// <summary>
/// Every check VirtCrypt makes carries an id: read from the IL of every method of VirtCrypt.Core, only the JSON
/// reader (a check read back from a journal) uses the public constructor without one.
/// </summary>
[TestFixture]
[Category("Unit")]
public class PlanCheckIdTests
{
    [Test]
    public void CoreMakesNoCheckWithoutAnId_ExceptWhenReadingJson()
    {
        var withoutId = typeof(PlanCheck).GetConstructor([typeof(string), typeof(bool), typeof(string)])!;

        var callers = CheckConstructions().Where(c => c.Constructor == withoutId).Select(c => c.Caller).Distinct();

        callers.Should().BeEquivalentTo(["PlanCheck", "MigrationJsonContext"], "the planner, the service and the checks use the constructors that take a PlanCheckId");
    }

    [Test]
    public void TheScan_SeesThePlannerMakingChecksWithIds()
    {
        CheckConstructions().Where(c => c.Constructor.GetParameters()[0].ParameterType == typeof(PlanCheckId)).Select(c => c.Caller).Distinct()
            .Should().Contain(["MigrationPlanner", "RequestChecks", "InPlacePlanChecks", "LivePlanChecks", "FormatSupportChecks", "KeySourceCheck", "MigrationService"]);
    }

    [Test]
    public void EveryIdHasItsOwnValue_AndUnknownIsTheDefault()
    {
        Enum.GetValues<PlanCheckId>().Select(v => (int)v).Should().OnlyHaveUniqueItems();
        default(PlanCheckId).Should().Be(PlanCheckId.Unknown);
    }

    /// <summary>Each construction of a PlanCheck in Core, by the outermost type whose code makes it.</summary>
    private static IEnumerable<(string Caller, ConstructorInfo Constructor)> CheckConstructions()
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var type in typeof(PlanCheck).Assembly.GetTypes())
        {
            var owner = type;
            while (owner.DeclaringType is { } outer)
            {
                owner = outer;
            }

            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                foreach (var constructor in NativeCallSiteTests.Callees(method).OfType<ConstructorInfo>().Where(c => c.DeclaringType == typeof(PlanCheck)))
                {
                    yield return (owner.Name, constructor);
                }
            }
        }
    }
}
