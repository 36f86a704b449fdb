namespace VirtCrypt.Cli;

/// <summary>
/// An <see cref="ArgumentException"/>'s message as a sentence for an administrator: without the " (Parameter
/// 'request.VolumeGroup')" that .NET appends for programmers, and without the "Actual value was ..." line of
/// <see cref="ArgumentOutOfRangeException"/>.
/// </summary>
internal static class ArgumentMessages
{
    internal static string Plain(ArgumentException e)
    {
        var message = e.Message;
        if (e is ArgumentOutOfRangeException { ActualValue: not null } && message.LastIndexOf('\n') is var newline and > 0)
        {
            message = message[..newline].TrimEnd('\r');
        }

        var suffix = e.ParamName is null ? null : $" (Parameter '{e.ParamName}')";
        return suffix is not null && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }
}
