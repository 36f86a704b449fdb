namespace VirtCrypt.Migration;

/// <summary>One check the plan made before any change, and its outcome.</summary>
/// <param name="Name">What was checked, for example "volume group has enough free space".</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Detail">What was found; for a failed check, what to do.</param>
public sealed record PlanCheck(string Name, bool Passed, string Detail);
