using Microsoft.Win32.SafeHandles;
using VirtCrypt.Errors;
using VirtCrypt.Files;
using VirtCrypt.Tests.Unit.Copy;

namespace VirtCrypt.Tests.Unit.Files;

[TestFixture]
[Category("Unit")]
public class FileStatusTests
{
    [Test]
    public void OfEntry_ReportsTheLinkItself_OfTarget_WhatItLeadsTo()
    {
        using var directory = new TempDirectory();
        var file = directory.File("real");
        File.WriteAllBytes(file, new byte[1234]);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite);
        File.CreateSymbolicLink(directory.File("link"), file);

        var link = FileStatus.OfEntry(directory.File("link"))!.Value;
        var target = FileStatus.OfTarget(directory.File("link"))!.Value;

        link.Kind.Should().Be(FileKind.SymbolicLink);
        link.KindName.Should().Be("a symbolic link");
        target.Should().Be(FileStatus.OfEntry(file));
        (target.Kind, target.Size, target.Owner, target.IsWritableByOthers, target.OctalMode)
            .Should().Be((FileKind.RegularFile, 1234L, FileStatus.EffectiveUser, true, "0620"));
        target.IsSameFileAs(link).Should().BeFalse();
    }

    [Test]
    public void Of_AnOpenFile_IsTheSameFileAsItsPath()
    {
        using var directory = new TempDirectory();
        var path = directory.File("f");
        File.WriteAllText(path, "x");
        using SafeFileHandle handle = File.OpenHandle(path);

        var opened = FileStatus.Of(handle, path);

        opened.IsSameFileAs(FileStatus.OfEntry(path)!.Value).Should().BeTrue();
        opened.IsRegularFile.Should().BeTrue();
    }

    [Test]
    public void AFifo_IsNamedAsOne()
    {
        using var directory = new TempDirectory();
        ExternalTool.Run("mkfifo", directory.File("fifo"));

        var status = FileStatus.OfEntry(directory.File("fifo"))!.Value;

        status.Kind.Should().Be(FileKind.Fifo);
        status.KindName.Should().Be("a FIFO (named pipe)");
        status.Size.Should().Be(0);
    }

    [Test]
    public void NothingThere_IsNull_EvenBelowAFile()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("file"), "x");

        FileStatus.OfEntry(directory.File("missing")).Should().BeNull();
        FileStatus.OfTarget(directory.File("file/below")).Should().BeNull();
    }

    [Test]
    public void AnUnreadablePath_IsAnErrorNamingIt()
    {
        var path = new string('a', 5000);

        FluentActions.Invoking(() => FileStatus.OfEntry(path)).Should().Throw<VirtCryptException>()
            .WithMessage($"Reading the status of {path} failed: *");
    }
}
