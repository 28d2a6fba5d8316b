using System;
using System.Text;

namespace Backprop.Generator.Helpers;

/// <summary>
/// Builds source text line by line with four-space indentation and <c>{ }</c> blocks. A template line reads
/// like the line it writes: <c>WriteLine($"{type} a{layer}_{j} = {value};")</c> goes through
/// <see cref="CodeInterpolation"/>, which formats numbers in the invariant culture. Lines end in <c>\n</c> on
/// every platform so that the output is the same wherever the compiler runs. A blank line is dropped where it
/// would open a block or follow another blank line, so that callers can separate their pieces without tracking
/// what came before.
/// </summary>
internal sealed class IndentedTextWriter
{
    private const string IndentUnit = "    ";

    private readonly StringBuilder _builder = new();
    private int _depth;
    private bool _blankLineAllowed;

    public void WriteLine(string line)
    {
        if (line.Length == 0)
        {
            WriteLine();
            return;
        }

        for (int i = 0; i < _depth; i++)
        {
            _builder.Append(IndentUnit);
        }

        _builder.Append(line);
        _builder.Append('\n');
        _blankLineAllowed = line != "{";
    }

    /// <summary>Writes one line from an interpolated string, its numbers in the invariant culture.</summary>
    public void WriteLine(CodeInterpolation line) => WriteLine(line.ToString());

    /// <summary>Writes a blank line, unless the previous line is blank or opens a block.</summary>
    public void WriteLine()
    {
        if (_blankLineAllowed)
        {
            _builder.Append('\n');
            _blankLineAllowed = false;
        }
    }

    /// <summary>Writes <paramref name="header"/>, then <c>{</c>; disposing the result writes <c>}</c>.</summary>
    public Block WriteBlock(string header)
    {
        WriteLine(header);
        WriteLine("{");
        _depth++;
        return new Block(this);
    }

    /// <inheritdoc cref="WriteBlock(string)"/>
    public Block WriteBlock(CodeInterpolation header) => WriteBlock(header.ToString());

    /// <summary>Indents the lines written until the result is disposed, without braces.</summary>
    public Indentation Indent()
    {
        _depth++;
        return new Indentation(this);
    }

    public override string ToString() => _builder.ToString();

    public readonly struct Block : IDisposable
    {
        private readonly IndentedTextWriter _writer;

        public Block(IndentedTextWriter writer)
        {
            _writer = writer;
        }

        public void Dispose()
        {
            _writer._depth--;
            _writer.WriteLine("}");
        }
    }

    public readonly struct Indentation : IDisposable
    {
        private readonly IndentedTextWriter _writer;

        public Indentation(IndentedTextWriter writer)
        {
            _writer = writer;
        }

        public void Dispose() => _writer._depth--;
    }
}
