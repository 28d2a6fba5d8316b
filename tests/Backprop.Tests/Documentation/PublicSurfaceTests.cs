using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace Backprop.Tests.Documentation;

/// <summary>
/// The built <c>Backprop.Abstractions</c> assembly, read by reflection, has two public parts: what users call,
/// each type of it shown in a C# example of the README or docs; and <c>Backprop.CompilerServices</c>, what
/// generated code calls, hidden from IntelliSense and out of every user-facing signature. The public API
/// files list the two parts apart.
/// </summary>
public sealed class PublicSurfaceTests
{
    private const string CompilerServices = "Backprop.CompilerServices";

    private static readonly Assembly Abstractions = typeof(INeuralNetwork).Assembly;

    [Fact]
    public void Every_user_facing_public_type_has_a_code_example_in_the_README_or_docs()
    {
        string code = string.Join("\n", ExamplePages().SelectMany(page => Markdown.CSharpBlocks(Markdown.Read(page))));
        string[] missing = UserFacingTypes()
            .Where(type => !IsShownIn(type, code))
            .Select(type => type.FullName!)
            .ToArray();

        Assert.True(missing.Length == 0, "No ```csharp example in README.md or docs/*.md names these types:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_READMEs_namespace_table_names_every_public_type_and_nothing_else()
    {
        // Rows of the table under "The library, namespace by namespace": | `Namespace` | what for | `Type`, `Type<T>` (`member`, …), … |
        string section = Markdown.Section(Markdown.Read("README.md"), "The library, namespace by namespace");
        var listed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match row in Regex.Matches(section, @"^\| `(?<namespace>Backprop[\w.]*)` \|[^|]*\|(?<types>[^|]*)\|", RegexOptions.Multiline))
        {
            string types = Regex.Replace(row.Groups["types"].Value, @"\([^)]*\)", "");
            foreach (Match type in Regex.Matches(types, @"`(?<name>[\w<>]+)`"))
            {
                listed.Add(row.Groups["namespace"].Value + "." + type.Groups["name"].Value);
            }
        }

        var expected = new SortedSet<string>(UserFacingTypes().Select(DisplayName), StringComparer.Ordinal);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, listed);
    }

    [Fact]
    public void Every_public_type_of_CompilerServices_is_hidden_from_IntelliSense()
    {
        Type[] types = CompilerServicesTypes().ToArray();
        Assert.NotEmpty(types);
        string[] shown = types
            .Where(type => type.GetCustomAttribute<EditorBrowsableAttribute>()?.State != EditorBrowsableState.Never)
            .Select(type => type.FullName!)
            .ToArray();

        Assert.True(shown.Length == 0, "Not [EditorBrowsable(EditorBrowsableState.Never)]:\n" + string.Join("\n", shown));
    }

    [Fact]
    public void No_user_facing_signature_names_a_CompilerServices_type()
    {
        var leaks = new List<string>();
        foreach (Type type in UserFacingTypes())
        {
            foreach (Type named in new[] { type.BaseType }.Concat(type.GetInterfaces()).OfType<Type>().SelectMany(Parts))
            {
                if (IsCompilerServices(named))
                {
                    leaks.Add($"{type.FullName} derives from {named.FullName}");
                }
            }

            foreach (MemberInfo member in VisibleMembers(type))
            {
                foreach (Type named in SignatureTypes(member).SelectMany(Parts).Where(IsCompilerServices))
                {
                    leaks.Add($"{type.FullName}.{member.Name} names {named.FullName}");
                }
            }
        }

        Assert.True(leaks.Count == 0, "User-facing members that name generated-code helpers:\n" + string.Join("\n", leaks));
    }

    [Theory]
    [InlineData("PublicAPI.Shipped.txt", false)]
    [InlineData("PublicAPI.Unshipped.txt", false)]
    [InlineData("PublicAPI.Shipped.CompilerServices.txt", true)]
    [InlineData("PublicAPI.Unshipped.CompilerServices.txt", true)]
    public void Each_public_API_file_lists_its_own_part_in_ordinal_order(string file, bool compilerServices)
    {
        string[] lines = File.ReadAllLines(Path.Combine(Markdown.Root, "src", "Backprop.Abstractions", file));
        Assert.Equal("#nullable enable", lines[0]);
        string[] entries = lines.Skip(1).ToArray();

        string[] misplaced = entries.Where(line => line.Contains(CompilerServices + ".", StringComparison.Ordinal) != compilerServices).ToArray();
        Assert.True(misplaced.Length == 0, $"{file} lists entries of the other part:\n" + string.Join("\n", misplaced));
        Assert.Equal(entries.OrderBy(line => line, StringComparer.Ordinal), entries);
    }

    private static IEnumerable<Type> PublicTypes() => Abstractions.GetExportedTypes().OrderBy(type => type.FullName, StringComparer.Ordinal);

    // Backprop.Training.Trainer<T> for Trainer`1, as the README writes it.
    private static string DisplayName(Type type) =>
        type.IsGenericTypeDefinition
            ? type.Namespace + "." + type.Name.Split('`')[0] + "<" + string.Join(", ", type.GetGenericArguments().Select(argument => argument.Name)) + ">"
            : type.FullName!;

    private static IEnumerable<Type> UserFacingTypes() => PublicTypes().Where(type => !IsCompilerServices(type));

    private static IEnumerable<Type> CompilerServicesTypes() => PublicTypes().Where(IsCompilerServices);

    private static bool IsCompilerServices(Type type) => type.Namespace == CompilerServices;

    private static IEnumerable<string> ExamplePages() =>
        Markdown.Files().Where(file => file == "README.md" || (file.StartsWith("docs/", StringComparison.Ordinal) && file.IndexOf('/', 5) < 0));

    // A type is shown when an example names it; an attribute, when an example applies it ([Network(...)]); a
    // class of extension methods, when an example calls one of them.
    private static bool IsShownIn(Type type, string code)
    {
        string name = type.Name.Split('`')[0];
        if (Regex.IsMatch(code, $@"\b{name}\b"))
        {
            return true;
        }

        const string Suffix = "Attribute";
        if (typeof(Attribute).IsAssignableFrom(type) && name.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return Regex.IsMatch(code, $@"\[{name.Substring(0, name.Length - Suffix.Length)}\b");
        }

        MethodInfo[] methods = type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly);
        return methods.Length > 0
            && methods.All(method => method.IsDefined(typeof(ExtensionAttribute)))
            && methods.Any(method => code.Contains("." + method.Name + "(", StringComparison.Ordinal));
    }

    // What code outside the assembly can reach: public members, and protected ones of unsealed types.
    private static IEnumerable<MemberInfo> VisibleMembers(Type type) =>
        type.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(member => member switch
            {
                MethodBase method => method.IsPublic || (!type.IsSealed && (method.IsFamily || method.IsFamilyOrAssembly)),
                FieldInfo field => field.IsPublic || (!type.IsSealed && (field.IsFamily || field.IsFamilyOrAssembly)),
                _ => false, // properties and events are reached through their accessors, which are methods
            });

    private static IEnumerable<Type> SignatureTypes(MemberInfo member) => member switch
    {
        MethodInfo method => method.GetParameters().Select(p => p.ParameterType).Append(method.ReturnType),
        ConstructorInfo constructor => constructor.GetParameters().Select(p => p.ParameterType),
        FieldInfo field => new[] { field.FieldType },
        _ => Array.Empty<Type>(),
    };

    // A type and every type it is built from: element types of arrays, pointers and refs, and generic arguments.
    private static IEnumerable<Type> Parts(Type type)
    {
        yield return type;
        if (type.HasElementType)
        {
            foreach (Type part in Parts(type.GetElementType()!))
            {
                yield return part;
            }
        }

        if (type.IsGenericType)
        {
            foreach (Type part in type.GetGenericArguments().SelectMany(Parts))
            {
                yield return part;
            }
        }
    }
}
