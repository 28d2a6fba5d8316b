using System;
using System.IO;
using System.Linq;
using Backprop.Serialization;
using Xunit;
using static Backprop.Tests.Serialization.SerializationKit;

namespace Backprop.Tests.Serialization;

/// <summary>
/// The temporary files of <see cref="AtomicFile"/> that a killed save leaves behind: a later save to the same
/// path deletes them, and nothing else (other targets' files, files of other names, a save still in progress).
/// </summary>
public sealed class AtomicFileTests
{
    private static readonly DateTime LongAgo = DateTime.UtcNow.AddHours(-2);

    public static TheoryData<string> Extensions => new() { ".bpnn", ".json", ".safetensors" };

    [Theory]
    [MemberData(nameof(Extensions))]
    public void A_later_save_deletes_the_temporary_files_that_killed_saves_left_behind(string extension)
    {
        using var folder = new TempFolder();
        string path = folder.File("model" + extension);
        new Tiny(1).Save(path);

        // What `kill -9` during a save leaves: a partly written hidden temporary file, no longer open, not touched since.
        foreach (string id in new[] { "0123456789ab", "a1b2c3d4e5f6", "ffffffffffff" })
        {
            Leftover(folder, "model" + extension, id, LongAgo);
        }

        Assert.Equal(4, Directory.GetFiles(folder.Path).Length);

        new Tiny(2).Save(path);

        Assert.Equal([path], Directory.GetFiles(folder.Path));
        var loaded = new Tiny(3);
        loaded.Load(path);
        AssertSameParameters(new Tiny(2), loaded);
    }

    [Fact]
    public void Files_that_are_not_this_targets_temporary_files_are_left_alone()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.bpnn");
        string[] others =
        [
            Leftover(folder, "other.bpnn", "0123456789ab", LongAgo),          // another target's leftover
            Leftover(folder, "model.bpnn.old", "0123456789ab", LongAgo),      // a target whose name extends this one
            Leftover(folder, "model.bpnn", "0123456789AB", LongAgo),          // upper-case digits: not a name this class makes
            Leftover(folder, "model.bpnn", "0123456789a", LongAgo),           // 11 digits
            Leftover(folder, "model.bpnn", "0123456789abc", LongAgo),         // 13 digits
            Leftover(folder, "model.bpnn", "0123456789ag", LongAgo),          // not hexadecimal
            Old(folder.File(".model.bpnn.tmp")),
            Old(folder.File("model.bpnn.0123456789ab.tmp")),                  // not hidden
            Old(folder.File(".model.bpnn.0123456789ab.tmp.keep")),
        ];

        new Tiny(1).Save(path);

        Assert.Equal(others.Append(path).Order(StringComparer.Ordinal), Directory.GetFiles(folder.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_temporary_file_still_open_or_recently_written_is_left_to_its_writer()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.bpnn");
        string recent = Leftover(folder, "model.bpnn", "111111111111", DateTime.UtcNow);
        string open = Leftover(folder, "model.bpnn", "222222222222", LongAgo);

        // A writer holds its temporary file as AtomicFile does: FileShare.None (flock(2) on Unix, a share mode on Windows).
        using (var writer = new FileStream(open, FileMode.Open, FileAccess.Write, FileShare.None))
        {
            File.SetLastWriteTimeUtc(open, LongAgo);
            new Tiny(1).Save(path);

            Assert.True(File.Exists(open), "A temporary file held open by its writer was deleted.");
            Assert.True(File.Exists(recent), "A temporary file written a moment ago was deleted.");
            writer.WriteByte(1);
        }

        File.SetLastWriteTimeUtc(open, LongAgo);
        new Tiny(2).Save(path);

        Assert.False(File.Exists(open), "The writer is gone, and its old temporary file should have been deleted.");
        Assert.True(File.Exists(recent));
    }

    private static string Leftover(TempFolder folder, string target, string id, DateTime lastWrite)
    {
        string path = folder.File("." + target + "." + id + ".tmp");
        File.WriteAllBytes(path, [0x89, 0x42, 0x50]);
        File.SetLastWriteTimeUtc(path, lastWrite);
        return path;
    }

    private static string Old(string path)
    {
        File.WriteAllBytes(path, [1]);
        File.SetLastWriteTimeUtc(path, LongAgo);
        return path;
    }
}
