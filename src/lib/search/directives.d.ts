// Type of the custom client directive registered in astro.config.mjs (see interaction-directive.ts).
import 'astro';
declare module 'astro' {
  interface AstroClientDirectives {
    'client:interaction'?: boolean;
  }
}
