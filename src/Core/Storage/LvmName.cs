namespace VirtCrypt.Storage;

/// <summary>
/// A volume group or logical volume name that passed <see cref="LvmNames"/>: only such names (and
/// <see cref="LvmDevicePath"/>) can become words of an <see cref="LvmCommandLine"/>.
/// </summary>
internal readonly record struct LvmName
{
    internal LvmName(string value) => Value = value;

    internal string Value { get; }

    public override string ToString() => Value;
}
