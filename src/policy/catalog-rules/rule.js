export function presetPath(index, ...rest) {
  return [`$.presets[${index}]`, ...rest].join(".");
}
