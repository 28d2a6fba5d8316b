using System;
using System.IO;

namespace Backprop.Serialization;

/// <summary>
/// Writes a file so that readers see either the old file or the whole new one, never a part: the content
/// goes to a temporary file in the same folder, which is flushed to disk and then renamed over the target.
/// </summary>
/// <remarks>
/// <para>
/// If writing fails (an exception, a full disk), the temporary file is deleted and the old file is left as it
/// was. If the process dies mid-write, the old file is intact and its hidden <c>.{name}.{12 hex digits}.tmp</c>
/// file remains; the next successful write to the same path deletes such leftovers (see below).
/// The rename is atomic on the same volume (rename(2) on Unix, MoveFileEx/ReplaceFile on Windows); the
/// directory entry itself is not flushed, so a power cut right after the rename may still show the old file.
/// </para>
/// <para>
/// A leftover is deleted only if its name is exactly this class's temporary name for the same target (never
/// another file), it was last written more than a minute ago, and it can be opened with <see cref="FileShare.None"/>.
/// A save in progress holds its temporary file open with <see cref="FileShare.None"/> until it is written and
/// flushed, and renames it right after: a share mode on Windows, and on Unix an advisory flock(2) that .NET takes and other .NET processes respect, so
/// the open fails and the file is left alone. The age covers what the lock does not: the instant between a
/// writer's create and its lock, and runtimes or file systems without such locks (Mono, some network shares),
/// where a live writer's file is still recent. At worst, a writer stalled for over a minute (without writing,
/// or between its flush and its rename) loses its temporary file and its save fails with an <see cref="IOException"/>; no target is ever damaged.
/// </para>
/// </remarks>
internal static class AtomicFile
{
    // How long a temporary file must have gone unwritten before a later write to the same target deletes it.
    private static readonly TimeSpan StaleAge = TimeSpan.FromMinutes(1);

    private const int RandomDigits = 12;
    private const string TemporarySuffix = ".tmp";

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
        string name = Path.GetFileName(fullPath);
        string temporary = Path.Combine(directory, TemporaryPrefix(name) + Guid.NewGuid().ToString("N").Substring(0, RandomDigits) + TemporarySuffix);
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

        DeleteLeftovers(directory, name, DateTime.UtcNow - StaleAge);
    }

    // ".model.bpnn." for model.bpnn: the leading dot hides the file on Unix; the target's whole name keeps targets apart.
    private static string TemporaryPrefix(string name) => "." + name + ".";

    private static bool IsTemporaryName(string candidate, string name)
    {
        string prefix = TemporaryPrefix(name);
        if (candidate.Length != prefix.Length + RandomDigits + TemporarySuffix.Length
            || !candidate.StartsWith(prefix, StringComparison.Ordinal)
            || !candidate.EndsWith(TemporarySuffix, StringComparison.Ordinal))
        {
            return false;
        }

        for (int i = prefix.Length; i < prefix.Length + RandomDigits; i++)
        {
            if (candidate[i] is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    // Best effort: the write has succeeded, and a leftover that cannot be deleted now is tried again next time.
    private static void DeleteLeftovers(string directory, string name, DateTime writtenBefore)
    {
        try
        {
            // The pattern is only a first cut ('*' and '?' in the name would widen it); the name test is exact.
            foreach (string path in Directory.EnumerateFiles(directory, ".*" + TemporarySuffix))
            {
                if (IsTemporaryName(Path.GetFileName(path), name) && File.GetLastWriteTimeUtc(path) < writtenBefore)
                {
                    DeleteIfUnused(path);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    // Opening with FileShare.None fails while a writer holds the file; DeleteOnClose removes it under our own lock.
    private static void DeleteIfUnused(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
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
