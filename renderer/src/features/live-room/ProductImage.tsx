// A product picture from assets/ (scenarios.image answers a data: URL, which the CSP allows).
import { useCall } from '../../app/useCall.ts';

export function ProductImage({ path, alt, className }: { path: string; alt: string; className?: string }) {
  const image = useCall('scenarios.image', { path });
  if (image.state !== 'ready') return <div className={`lr-img-placeholder ${className ?? ''}`} aria-label={alt} />;
  return <img className={className} src={image.value.dataUrl} alt={alt} draggable={false} />;
}

export function FirstImage({ images, alt, className }: { images: readonly string[]; alt: string; className?: string }) {
  const path = images[0];
  return path === undefined ? <div className={`lr-img-placeholder ${className ?? ''}`} aria-label={alt} /> : <ProductImage path={path} alt={alt} className={className} />;
}
