import { execFile } from 'node:child_process';

/** A warning when no CJK font is installed (screenshots would show boxes for Chinese text), else undefined. */
export function checkCjkFonts(list: () => Promise<string | undefined> = listChineseFonts): Promise<string | undefined> {
  return list().then((out) =>
    out === undefined || out.trim() !== ''
      ? undefined
      : 'alimock: no Chinese (CJK) font installed: screenshots will show boxes for Chinese text — on Debian/Ubuntu: sudo apt-get install -y fonts-noto-cjk',
  );
}

/** Font families with Chinese glyphs (fontconfig); undefined where fontconfig is not there to ask (macOS, Windows). */
function listChineseFonts(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('fc-list', [':lang=zh', 'family'], { timeout: 5_000 }, (error, stdout) =>
      resolve(error ? undefined : stdout),
    );
  });
}
