namespace Backprop;

/// <summary>
/// A pass of the library's own that <see cref="BatchWorkers"/> can share: part p of n does its share of the
/// pass, and no part reads what another writes, so the result does not depend on n.
/// </summary>
internal interface IPartWork
{
    /// <summary>Does part <paramref name="part"/> of <paramref name="parts"/>.</summary>
    void RunPart(int part, int parts);
}
