namespace VirtCrypt.Migration;

/// <summary>One check the plan made before any change, and its outcome.</summary>
/// <param name="Name">What was checked, in words, for example "volume group exists" or "disk vda is readable".</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Detail">What was found; for a failed check, what to do.</param>
/// <remarks>
/// <see cref="Name"/> is for people and may be reworded; a program matches on <see cref="Id"/> and <see cref="Subject"/>.
/// </remarks>
public sealed record PlanCheck(string Name, bool Passed, string Detail)
{
    internal PlanCheck(PlanCheckId id, string name, bool passed, string detail)
        : this(name, passed, detail) =>
        Id = id;

    internal PlanCheck(PlanCheckId id, string subject, string name, bool passed, string detail)
        : this(name, passed, detail)
    {
        Id = id;
        Subject = subject;
    }

    /// <summary>
    /// Which check this is, stable across versions; <see cref="PlanCheckId.Unknown"/> in a plan recorded before checks
    /// had ids.
    /// </summary>
    public PlanCheckId Id { get; init; }

    /// <summary>
    /// The object the check is about, as <see cref="Name"/> names it (a disk target such as "vda", a logical volume
    /// or mapping name, a header backup file, a MAC address); null for a check about the whole migration.
    /// </summary>
    public string? Subject { get; init; }
}
