/**
 * What the browser runtime receives about a compiled project (JSON, served as `project.js`). Shared by the Node
 * loader and the runtime: types only.
 */
import type { CompiledTemplate } from '../axml/template-ast.js';
import type { Diagnostic } from '../diagnostic.js';

/** app.json `window` and a page's .json (Alipay's names; WeChat's navigationBar* are read too). */
export interface WindowConfig {
  defaultTitle?: string;
  titleBarColor?: string;
  backgroundColor?: string;
  navigationBarTitleText?: string;
  navigationBarBackgroundColor?: string;
  navigationBarTextStyle?: string;
}

export interface TabBarItem {
  pagePath: string;
  name: string;
  icon?: string;
  activeIcon?: string;
}

export interface TabBarConfig {
  textColor?: string;
  selectedColor?: string;
  backgroundColor?: string;
  items: TabBarItem[];
}

export interface ManifestPage {
  template: CompiledTemplate;
  window: WindowConfig;
  /** template problems of this page (and its includes), shown when the page is shown */
  errors: Diagnostic[];
}

export interface ManifestComponent {
  template: CompiledTemplate;
  errors: Diagnostic[];
}

export interface ProjectManifest {
  /** the page shown first (app.json's first page, or the one asked for) */
  entry: string;
  /** app.json `pages`, in order */
  routes: string[];
  pages: Record<string, ManifestPage>;
  /** by component path, e.g. `/components/card/card` */
  components: Record<string, ManifestComponent>;
  window: WindowConfig;
  tabBar?: TabBarConfig;
  /** the JS did not build (syntax errors, missing modules): the app cannot run */
  scriptErrors: Diagnostic[];
}

/** Module ids the bundle registers with `__amDefine(id, factory)`. */
export const APP_MODULE = 'app';
export const pageModule = (route: string): string => `page:${route}`;
export const componentModule = (path: string): string => `component:${path}`;
