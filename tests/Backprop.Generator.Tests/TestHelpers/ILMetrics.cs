using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Backprop.Generator.Tests.TestHelpers;

/// <summary>
/// The sizes RyuJIT looks at before it decides to compile a method without optimization
/// (<c>compSetOptimizationLevel</c>): IL bytes, IL instructions, basic blocks, locals and local
/// references, read from a compiled assembly.
/// </summary>
internal sealed record ILMetrics(string Method, int ILBytes, int Instructions, int Branches, int Locals, int LocalReferences)
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(op => op.Value);

    /// <summary>Reads every method body of the types whose full name is in <paramref name="typeNames"/>.</summary>
    public static IReadOnlyList<ILMetrics> Read(ImmutableArray<byte> image, ISet<string> typeNames)
    {
        using var pe = new PEReader(image);
        MetadataReader metadata = pe.GetMetadataReader();
        var results = new List<ILMetrics>();
        foreach (TypeDefinitionHandle typeHandle in metadata.TypeDefinitions)
        {
            TypeDefinition type = metadata.GetTypeDefinition(typeHandle);
            string name = metadata.GetString(type.Namespace) is { Length: > 0 } ns
                ? ns + "." + metadata.GetString(type.Name)
                : metadata.GetString(type.Name);
            if (!typeNames.Contains(name))
            {
                continue;
            }

            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                MethodDefinition method = metadata.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress == 0)
                {
                    continue;
                }

                MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
                results.Add(Measure(name + "." + metadata.GetString(method.Name), body, metadata));
            }
        }

        return results;
    }

    private static ILMetrics Measure(string name, MethodBodyBlock body, MetadataReader metadata)
    {
        int locals = 0;
        if (!body.LocalSignature.IsNil)
        {
            BlobReader signature = metadata.GetBlobReader(metadata.GetStandaloneSignature(body.LocalSignature).Signature);
            signature.ReadByte(); // LOCAL_SIG
            locals = signature.ReadCompressedInteger();
        }

        byte[] il = body.GetILBytes()!;
        int instructions = 0, branches = 0, localReferences = 0;
        for (int offset = 0; offset < il.Length; instructions++)
        {
            short value = il[offset] == 0xFE ? (short)(0xFE00 | il[offset + 1]) : il[offset];
            OpCode op = OpCodesByValue[value];
            offset += op.Size;
            if (op.OperandType is OperandType.InlineBrTarget or OperandType.ShortInlineBrTarget or OperandType.InlineSwitch)
            {
                branches++;
            }

            if (op.Name!.StartsWith("ldloc", StringComparison.Ordinal) || op.Name.StartsWith("stloc", StringComparison.Ordinal))
            {
                localReferences++;
            }

            offset += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, offset)),
                _ => 4,
            };
        }

        return new ILMetrics(name, il.Length, instructions, branches, locals, localReferences);
    }

    public static ImmutableArray<byte> Emit(Microsoft.CodeAnalysis.Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new Xunit.Sdk.XunitException("Does not compile:\n" + string.Join("\n", result.Diagnostics.Take(10)));
        }

        return stream.ToArray().ToImmutableArray();
    }
}
