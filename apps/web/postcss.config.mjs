// Tailwind CSS for the UI kit's utilities. Style sheets without Tailwind
// directives (components.css and the other plain sheets) pass through as
// they are.
const config = {
  plugins: { "@tailwindcss/postcss": {} },
};

export default config;
