using System.Runtime.InteropServices;

namespace Parley.Formats;

/// <summary>What a path names, as far as reading it is concerned.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    Pipe,
    Device,
    Socket,

    /// <summary>Exists, but the platform cannot tell its kind (reading it is still bounded by the size limit).</summary>
    Unknown,
}

/// <summary>
/// Tells a regular file from a directory, a named pipe, a device or a socket before anything opens it: opening a
/// named pipe blocks until a writer comes, and a device like /dev/zero never ends. .NET has no public call for a
/// file's type on Unix, so this asks the runtime's own native shim (libSystem.Native's <c>SystemNative_Stat</c>, the
/// call behind <see cref="FileInfo"/>), whose status record starts with two 32-bit fields, flags and mode; the mode's
/// type bits are the POSIX ones. Where the shim cannot be called the kind is <see cref="FileKind.Unknown"/>.
/// </summary>
public static class FileKinds
{
    private const int TypeMask = 0xF000, Fifo = 0x1000, CharDevice = 0x2000, Dir = 0x4000, BlockDevice = 0x6000, Regular = 0x8000, Sock = 0xC000;

    // Room for the whole native record (about 130 bytes in .NET 10), however it grows; only the first two fields are read.
    [StructLayout(LayoutKind.Sequential, Size = 512)]
    private struct Status
    {
        public int Flags;
        public int Mode;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out Status status);

    public static FileKind Of(string path)
    {
        if (Directory.Exists(path)) return FileKind.Directory;
        if (!File.Exists(path)) return FileKind.Missing;
        if (OperatingSystem.IsWindows()) return FileKind.Regular;
        try
        {
            if (Stat(path, out var status) != 0) return FileKind.Unknown;
            return (status.Mode & TypeMask) switch
            {
                Regular => FileKind.Regular,
                Dir => FileKind.Directory,
                Fifo => FileKind.Pipe,
                CharDevice or BlockDevice => FileKind.Device,
                Sock => FileKind.Socket,
                _ => FileKind.Unknown,
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return FileKind.Unknown;
        }
    }
}
