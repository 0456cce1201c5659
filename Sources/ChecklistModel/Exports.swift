// The model's values are written in JSON and carry untrusted text: whoever uses the model uses these
// two with it, so they come with it. Neither can see the model (they are targets below it).
@_exported import JSONFormat
@_exported import SafeText
