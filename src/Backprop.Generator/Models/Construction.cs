namespace Backprop.Generator.Models;

/// <summary>How a new network gets its parameters: from generated constructors, or from the user's primary constructor.</summary>
internal enum Construction
{
    /// <summary>The generator writes the constructors <c>()</c> and <c>(int seed)</c>.</summary>
    GeneratedConstructors,

    /// <summary>
    /// The class has a primary constructor, which every other constructor must call, so the generator writes no
    /// constructor: the parameters field's initializer (which the primary constructor runs) draws them from seed 0.
    /// </summary>
    PrimaryConstructor,

    /// <summary>As <see cref="PrimaryConstructor"/>, drawn from the primary constructor's own <c>int seed</c> parameter.</summary>
    PrimaryConstructorSeed,
}
