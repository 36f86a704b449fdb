namespace VirtCrypt.Migration;

/// <summary>
/// The identifiers of the migration steps. The journal records them (schema 1: these strings never change, or
/// existing journals would no longer resume) and progress reports carry them; what a step does for the reader is in
/// its report messages.
/// </summary>
internal static class StepName
{
    internal const string CreateLv = "CreateLv";
    internal const string TagLv = "TagLv";
    internal const string ExtendLv = "ExtendLv";
    internal const string Format = "Format";
    internal const string InitEncryption = "InitEncryption";
    internal const string Encrypt = "Encrypt";
    internal const string ShrinkLv = "ShrinkLv";
    internal const string Open = "Open";
    internal const string Copy = "Copy";
    internal const string BackupHeader = "BackupHeader";
    internal const string ShutdownSource = "ShutdownSource";
    internal const string Mirror = "Mirror";
    internal const string Pivot = "Pivot";
    internal const string Define = "Define";
    internal const string DisableSourceAutostart = "DisableSourceAutostart";
    internal const string Start = "Start";
}
