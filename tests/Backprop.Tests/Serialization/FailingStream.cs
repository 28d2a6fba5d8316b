using System;
using System.IO;

namespace Backprop.Tests.Serialization;

/// <summary>Passes writes to another stream until <c>failAfter</c> bytes, then throws as a full disk would.</summary>
internal sealed class FailingStream(Stream inner, long failAfter) : Stream
{
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        int allowed = (int)Math.Min(count, Math.Max(0, failAfter - _written));
        inner.Write(buffer, offset, allowed);
        _written += allowed;
        if (allowed < count)
        {
            throw new IOException($"Simulated failure after {failAfter} bytes.");
        }
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
