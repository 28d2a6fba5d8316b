using System;
using System.IO;
using Backprop.Serialization;
using Xunit;
using static Backprop.Tests.Serialization.SerializationKit;

namespace Backprop.Tests.Serialization;

/// <summary>
/// A stream of the wrong direction is refused before any work, with an <see cref="ArgumentException"/> that
/// names <c>stream</c> and says what was expected and found: not encoded first and failed late, and not taken
/// for a truncated model.
/// </summary>
public sealed class StreamDirectionTests
{
    public static TheoryData<ModelFormat> Formats => new() { ModelFormat.Binary, ModelFormat.Json, ModelFormat.SafeTensors };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Saving_to_a_read_only_stream_is_refused_before_the_network_is_read(ModelFormat format)
    {
        using var readOnly = new MemoryStream(new byte[16], writable: false);

        // A NaN parameter would refuse the save while it is encoded: the stream must be refused first.
        var net = new Tiny(1);
        net.Weight(2, 0, 0) = float.NaN;
        AssertRefusedStream(() => net.Save(readOnly, format), "writable", "CanWrite");
        AssertRefusedStream(() => NetworkWeights.From(new Tiny(1)).Write(readOnly, format), "writable", "CanWrite");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Loading_from_a_write_only_stream_is_refused_as_such_not_as_a_truncated_model(ModelFormat format)
    {
        using var writeOnly = new FailingStream(new MemoryStream(), failAfter: 1024);
        var net = new Tiny(1);
        byte[] before = Snapshot(net);

        AssertRefusedStream(() => net.Load(writeOnly, format), "readable", "CanRead");
        AssertRefusedStream(() => NetworkWeights.Read(writeOnly, format), "readable", "CanRead");
        Assert.Equal(before, Snapshot(net));
    }

    private static void AssertRefusedStream(Action call, string expected, string property)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(call);
        Assert.Equal("stream", e.ParamName);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains(property + " is false", e.Message, StringComparison.Ordinal);
    }
}
