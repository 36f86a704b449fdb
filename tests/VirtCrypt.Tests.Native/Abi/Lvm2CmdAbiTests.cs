using VirtCrypt.Tests.Native.Support;
using static VirtCrypt.Interop.Interop.Lvm2Cmd;

namespace VirtCrypt.Tests.Native.Abi;

[TestFixture]
[Category("Native")]
public class Lvm2CmdAbiTests
{
    [Test]
    public void LogLevelsAndReturnCodes_MatchTheHeader()
    {
        var header = CProgram.RunAbiProbe("lvm2cmd.c");

        header.Should().Equal(new Dictionary<string, long>
        {
            ["LVM2_LOG_FATAL"] = LVM2_LOG_FATAL,
            ["LVM2_LOG_ERROR"] = LVM2_LOG_ERROR,
            ["LVM2_LOG_PRINT"] = LVM2_LOG_PRINT,
            ["LVM2_LOG_VERBOSE"] = LVM2_LOG_VERBOSE,
            ["LVM2_LOG_VERY_VERBOSE"] = LVM2_LOG_VERY_VERBOSE,
            ["LVM2_LOG_DEBUG"] = LVM2_LOG_DEBUG,
            ["LVM2_COMMAND_SUCCEEDED"] = LVM2_COMMAND_SUCCEEDED,
            ["LVM2_NO_SUCH_COMMAND"] = LVM2_NO_SUCH_COMMAND,
            ["LVM2_INVALID_PARAMETERS"] = LVM2_INVALID_PARAMETERS,
            ["LVM2_INIT_FAILED"] = LVM2_INIT_FAILED,
            ["LVM2_PROCESSING_FAILED"] = LVM2_PROCESSING_FAILED,
        });
    }
}
