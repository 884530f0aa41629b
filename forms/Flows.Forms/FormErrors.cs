namespace Flows.Forms;

/// <summary>What is wrong with a submission: per field (by post name) and for the form as a whole.</summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, List<string>> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _form = [];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields =>
        _fields.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);

    public IReadOnlyList<string> Form => _form;

    public bool IsEmpty => _fields.Count == 0 && _form.Count == 0;

    public void AddField(string path, string message)
    {
        if (!_fields.TryGetValue(path, out var list))
        {
            _fields[path] = list = [];
        }

        if (!list.Contains(message))
        {
            list.Add(message);
        }
    }

    public void ReplaceField(string path, string message) => _fields[path] = [message];

    public void AddForm(string message)
    {
        if (!_form.Contains(message))
        {
            _form.Add(message);
        }
    }

    public IEnumerable<string> All() => _fields.Values.SelectMany(m => m).Concat(_form);
}
