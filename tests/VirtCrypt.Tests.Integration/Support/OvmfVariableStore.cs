using System.Buffers.Binary;
using System.Text;

namespace VirtCrypt.Tests.Integration.Support;

/// <summary>
/// Writes a UEFI variable into an OVMF variable store file (<c>OVMF_VARS*.fd</c>), as the firmware would when a guest
/// sets a boot entry: a non-volatile, boot-service and runtime variable appended to the authenticated-variable store
/// after the firmware volume header. Gives a test NVRAM file content that no template has.
/// </summary>
internal static class OvmfVariableStore
{
    private const int FirmwareVolumeHeaderLengthOffset = 0x30;
    private const int VariableStoreHeaderBytes = 28;
    private const int VariableHeaderBytes = 60;
    private const ushort StartId = 0x55AA;
    private const byte Added = 0x3F;
    private const uint NonVolatileBootServiceRuntime = 0x7;

    /// <summary>Appends variable <paramref name="name"/> of <paramref name="vendor"/> with <paramref name="data"/>.</summary>
    internal static void AddVariable(string path, string name, Guid vendor, byte[] data)
    {
        var store = File.ReadAllBytes(path);
        var start = BinaryPrimitives.ReadUInt16LittleEndian(store.AsSpan(FirmwareVolumeHeaderLengthOffset)) + VariableStoreHeaderBytes;
        var offset = start;
        while (BinaryPrimitives.ReadUInt16LittleEndian(store.AsSpan(offset)) == StartId)
        {
            var nameSize = BinaryPrimitives.ReadInt32LittleEndian(store.AsSpan(offset + 36));
            var dataSize = BinaryPrimitives.ReadInt32LittleEndian(store.AsSpan(offset + 40));
            offset = Align4(offset + VariableHeaderBytes + nameSize + dataSize);
        }

        var nameBytes = Encoding.Unicode.GetBytes(name + "\0");
        var variable = store.AsSpan(offset, VariableHeaderBytes + nameBytes.Length + data.Length);
        if (variable.IndexOfAnyExcept((byte)0xFF) >= 0)
        {
            throw new InvalidOperationException($"{path} has no free space at offset {offset}.");
        }

        variable.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(variable, StartId);
        variable[2] = Added;
        BinaryPrimitives.WriteUInt32LittleEndian(variable[4..], NonVolatileBootServiceRuntime);
        BinaryPrimitives.WriteInt32LittleEndian(variable[36..], nameBytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(variable[40..], data.Length);
        vendor.TryWriteBytes(variable[44..]);
        nameBytes.CopyTo(variable[VariableHeaderBytes..]);
        data.CopyTo(variable[(VariableHeaderBytes + nameBytes.Length)..]);
        File.WriteAllBytes(path, store);
    }

    private static int Align4(int value) => (value + 3) & ~3;
}
