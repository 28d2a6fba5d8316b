using System;
using System.IO;

namespace Backprop.Serialization;

/// <summary>
/// Writes a file so that readers see either the old file or the whole new one, never a part: the content
/// goes to a temporary file in the same folder, which is flushed to disk and then renamed over the target.
/// </summary>
/// <remarks>
/// If writing fails (an exception, a full disk), the temporary file is deleted and the old file is left as it
/// was. If the process dies mid-write, the old file is intact and a hidden <c>.name.*.tmp</c> file may remain.
/// The rename is atomic on the same volume (rename(2) on Unix, MoveFileEx/ReplaceFile on Windows); the
/// directory entry itself is not flushed, so a power cut right after the rename may still show the old file.
/// </remarks>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> atomically with what <paramref name="write"/> writes to the stream it is given.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Writes the whole content; it must not close the stream.</param>
    /// <exception cref="IOException">The file cannot be written; the old file is unchanged.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        if (write is null)
        {
            throw new ArgumentNullException(nameof(write));
        }

        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' is not a file path.", nameof(path));
        string temporary = Path.Combine(directory, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            Replace(temporary, fullPath);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void Replace(string temporary, string target)
    {
#if NETSTANDARD2_0
        if (File.Exists(target))
        {
            File.Replace(temporary, target, destinationBackupFileName: null);
        }
        else
        {
            File.Move(temporary, target);
        }
#else
        File.Move(temporary, target, overwrite: true);
#endif
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original error is the one to report.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
