namespace Backprop.Generator.Models;

/// <summary>
/// What the emitter made of one model: the file's text, or the message of the exception that stopped it
/// (a bug, reported as BP0099 on the class).
/// </summary>
/// <param name="HintName">The file's name, unique in the compilation: it ties a failure to its declaration.</param>
/// <param name="Source">The generated text, or <see langword="null"/> when the emitter failed.</param>
/// <param name="Failure">What failed, or <see langword="null"/>.</param>
internal sealed record GeneratedFile(string HintName, string? Source, string? Failure);
