import { createContext, type ReactNode, useContext } from "react";

export type ThemeName = "light" | "dark";

export interface ThemeState {
  theme: ThemeName;
  setTheme(theme: ThemeName): void;
  toggleTheme(): void;
}

const ThemeContext = createContext<ThemeState | null>(null);

export function ThemeProvider({ value, children }: { value: ThemeState; children: ReactNode }) {
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): ThemeState {
  const theme = useContext(ThemeContext);
  if (!theme) throw new Error("useTheme() needs the Quire shell's ThemeProvider");
  return theme;
}
