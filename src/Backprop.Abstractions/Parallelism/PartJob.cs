namespace Backprop;

/// <summary>An <see cref="IPartWork"/> as the worker threads see it: the work and how many parts it has.</summary>
internal sealed class PartJob : BatchJob
{
    private IPartWork? _work;
    private int _parts;

    public void Set(IPartWork work, int parts)
    {
        _work = work;
        _parts = parts;
    }

    public override void Clear() => Set(null!, 0);

    public override void RunPart(int part) => _work!.RunPart(part, _parts);
}
